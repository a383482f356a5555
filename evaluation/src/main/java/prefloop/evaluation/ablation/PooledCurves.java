package prefloop.evaluation.ablation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The win-rate curves of several ablation runs ({@code curve.json}, one run per seed) pooled: at
 * each snapshot step, each configuration's win rate against the base averaged over the seeds, with
 * the standard error across seeds (the spread between seeds, which is what a reader of a seeded
 * comparison needs), for every reward model and for the means over training and held-out models.
 *
 * @param seeds the runs pooled
 * @param models reward models, in the runs' order
 * @param heldOut the held-out subset of {@code models}
 * @param rates configuration → step → model → the rate of each seed (in {@code seeds} order)
 */
public record PooledCurves(
    List<String> seeds,
    List<String> models,
    List<String> heldOut,
    Map<String, TreeMap<Long, Map<String, double[]>>> rates) {

  /** A mean over seeds and its standard error across them (0 with one seed). */
  public record Estimate(double mean, double standardError, int seeds) {
    static Estimate of(double[] values) {
      double mean = 0;
      for (double v : values) {
        mean += v / values.length;
      }
      double squares = 0;
      for (double v : values) {
        squares += (v - mean) * (v - mean);
      }
      int n = values.length;
      return new Estimate(mean, n > 1 ? Math.sqrt(squares / (n - 1) / n) : 0, n);
    }
  }

  /** Reads {@code curve.json} of every run; steps and configurations must be in all of them. */
  public static PooledCurves read(List<Path> runs, Set<String> heldOut) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> seeds = new ArrayList<>();
    List<String> models = new ArrayList<>();
    Map<String, TreeMap<Long, Map<String, double[]>>> rates = new LinkedHashMap<>();
    for (int r = 0; r < runs.size(); r++) {
      Path file = runs.get(r).resolve("curve.json");
      if (!Files.isRegularFile(file)) {
        throw new IOException(
            file + " does not exist: pool runs of `ablate --snapshot-every N` (their --out)");
      }
      seeds.add(runs.get(r).getFileName().toString());
      JsonNode root = json.readTree(file.toFile());
      for (Iterator<String> configs = root.fieldNames(); configs.hasNext(); ) {
        String config = configs.next();
        JsonNode bySteps = root.get(config);
        for (Iterator<String> steps = bySteps.fieldNames(); steps.hasNext(); ) {
          String step = steps.next();
          JsonNode byModel = bySteps.get(step);
          for (Iterator<String> names = byModel.fieldNames(); names.hasNext(); ) {
            String model = names.next();
            if (!models.contains(model)) {
              models.add(model);
            }
            rates
                    .computeIfAbsent(config, c -> new TreeMap<>())
                    .computeIfAbsent(Long.parseLong(step), s -> new LinkedHashMap<>())
                    .computeIfAbsent(model, m -> filled(runs.size()))[r] =
                byModel.get(model).get("rate").asDouble();
          }
        }
      }
    }
    rates.forEach(
        (config, bySteps) ->
            bySteps.forEach(
                (step, byModel) ->
                    byModel.forEach(
                        (model, values) -> {
                          for (double v : values) {
                            if (Double.isNaN(v)) {
                              throw new IllegalArgumentException(
                                  config
                                      + "@"
                                      + step
                                      + " is missing from a run: pool runs of the same command"
                                      + " with another --seed");
                            }
                          }
                        })));
    List<String> held = models.stream().filter(heldOut::contains).toList();
    return new PooledCurves(seeds, models, held, rates);
  }

  private static double[] filled(int n) {
    double[] values = new double[n];
    java.util.Arrays.fill(values, Double.NaN);
    return values;
  }

  /** {@code config}'s win rate on {@code model} at {@code step}, over the seeds. */
  public Estimate model(String config, long step, String model) {
    return Estimate.of(rates.get(config).get(step).get(model));
  }

  /** The mean over {@code subset} of the models, per seed, then over the seeds. */
  public Estimate mean(String config, long step, List<String> subset) {
    return Estimate.of(perSeedMean(config, step, subset));
  }

  /**
   * {@code config} minus {@code baseline} on the mean over {@code subset}, seed by seed (both ran
   * on the same seeds), then over the seeds.
   */
  public Estimate difference(String config, String baseline, long step, List<String> subset) {
    double[] a = perSeedMean(config, step, subset);
    double[] b = perSeedMean(baseline, step, subset);
    double[] d = new double[a.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = a[i] - b[i];
    }
    return Estimate.of(d);
  }

  /** The training (not held-out) models. */
  public List<String> training() {
    return models.stream().filter(m -> !heldOut.contains(m)).toList();
  }

  private double[] perSeedMean(String config, long step, List<String> subset) {
    Map<String, double[]> byModel = rates.get(config).get(step);
    double[] out = new double[seeds.size()];
    for (String model : subset) {
      double[] values = byModel.get(model);
      for (int i = 0; i < out.length; i++) {
        out[i] += values[i] / subset.size();
      }
    }
    return out;
  }
}
