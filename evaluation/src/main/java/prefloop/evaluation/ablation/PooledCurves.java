package prefloop.evaluation.ablation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The win-rate curves of several ablation runs ({@code curve.json}) pooled: at each snapshot step,
 * each configuration's win rate against the base averaged over its seeds, with the standard error
 * across seeds (the spread between seeds, which is what a reader of a seeded comparison needs), for
 * every reward model and for the means over training and held-out models.
 *
 * <p>A seed is a run directory's name. Runs of different configurations may share a seed: their
 * common baseline (re-sampled from one trained policy by {@code ablate --baseline-from}) is then
 * one set of figures, and must be the same in every run that holds it. Configurations may have
 * different seeds; differences from the baseline are taken over the seeds both have.
 *
 * @param seeds every seed pooled, in the order first read
 * @param models reward models, in the runs' order
 * @param heldOut the held-out subset of {@code models}
 * @param rates configuration → step → model → seed → rate
 */
public record PooledCurves(
    List<String> seeds,
    List<String> models,
    List<String> heldOut,
    Map<String, TreeMap<Long, Map<String, Map<String, Double>>>> rates) {

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

  /**
   * Reads {@code curve.json} of every run. A labelled run's configuration is pooled under its
   * label: the one configuration it ran besides {@code baseline}, or the baseline when it ran
   * alone. Refused: a label on a run of several configurations, a configuration whose snapshots do
   * not all have the same seeds, and a seed whose figures differ between two runs.
   */
  public static PooledCurves read(List<PooledRun> runs, String baseline, Set<String> heldOut)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    Set<String> seeds = new LinkedHashSet<>();
    List<String> models = new ArrayList<>();
    Map<String, TreeMap<Long, Map<String, Map<String, Double>>>> rates = new LinkedHashMap<>();
    for (PooledRun run : runs) {
      Path file = run.dir().resolve("curve.json");
      if (!Files.isRegularFile(file)) {
        throw new IOException(
            file + " does not exist: pool runs of `ablate --snapshot-every N` (their --out)");
      }
      String seed = run.seed();
      seeds.add(seed);
      JsonNode root = json.readTree(file.toFile());
      List<String> configs = new ArrayList<>();
      root.fieldNames().forEachRemaining(configs::add);
      for (String config : configs) {
        String name = pooledName(run, config, configs, baseline);
        JsonNode bySteps = root.get(config);
        if (bySteps.isEmpty()) {
          throw new IllegalArgumentException(
              config
                  + " has no snapshot in "
                  + run.dir()
                  + " ("
                  + seed
                  + "): the run stopped before its first snapshot; run it again, or leave it"
                  + " out");
        }
        for (Iterator<String> steps = bySteps.fieldNames(); steps.hasNext(); ) {
          String step = steps.next();
          JsonNode byModel = bySteps.get(step);
          for (Iterator<String> names = byModel.fieldNames(); names.hasNext(); ) {
            String model = names.next();
            if (!models.contains(model)) {
              models.add(model);
            }
            double rate = byModel.get(model).get("rate").asDouble();
            Double before =
                rates
                    .computeIfAbsent(name, c -> new TreeMap<>())
                    .computeIfAbsent(Long.parseLong(step), s -> new LinkedHashMap<>())
                    .computeIfAbsent(model, m -> new LinkedHashMap<>())
                    .putIfAbsent(seed, rate);
            if (before != null && Math.abs(before - rate) > 1e-9) {
              throw new IllegalArgumentException(
                  String.format(
                      "%s@%s %s of %s is %.4f in %s but %.4f in an earlier run: pool runs of one"
                          + " seed only when they share that configuration's training (ablate"
                          + " --baseline-from), or label one (LABEL=DIR)",
                      name, step, model, seed, rate, run.dir(), before));
            }
          }
        }
      }
    }
    rates.forEach(PooledCurves::requireTheSameSeedsAtEveryStep);
    List<String> held = models.stream().filter(heldOut::contains).toList();
    return new PooledCurves(List.copyOf(seeds), models, held, rates);
  }

  private static String pooledName(
      PooledRun run, String config, List<String> configs, String baseline) {
    if (run.label().isEmpty()) {
      return config;
    }
    List<String> others = configs.stream().filter(c -> !c.equals(baseline)).toList();
    if (others.size() > 1) {
      throw new IllegalArgumentException(
          "label "
              + run.label().get()
              + " names one configuration, but "
              + run.dir()
              + " ran "
              + others
              + ": pool that run without a label");
    }
    boolean named = others.isEmpty() || !config.equals(baseline);
    return named ? run.label().get() : config;
  }

  private static void requireTheSameSeedsAtEveryStep(
      String config, TreeMap<Long, Map<String, Map<String, Double>>> bySteps) {
    Set<String> seeds = new LinkedHashSet<>();
    bySteps.values().forEach(byModel -> byModel.values().forEach(s -> seeds.addAll(s.keySet())));
    bySteps.forEach(
        (step, byModel) ->
            byModel.forEach(
                (model, bySeed) -> {
                  if (!bySeed.keySet().equals(seeds)) {
                    Set<String> missing = new LinkedHashSet<>(seeds);
                    missing.removeAll(bySeed.keySet());
                    throw new IllegalArgumentException(
                        config
                            + "@"
                            + step
                            + " is missing from a run ("
                            + String.join(", ", missing)
                            + "): pool runs of the same command with another --seed");
                  }
                }));
  }

  /** The seeds {@code config} was run with. */
  public List<String> seeds(String config) {
    return List.copyOf(
        rates.get(config).firstEntry().getValue().values().iterator().next().keySet());
  }

  /** {@code config}'s win rate on {@code model} at {@code step}, over its seeds. */
  public Estimate model(String config, long step, String model) {
    return Estimate.of(
        rates.get(config).get(step).get(model).values().stream()
            .mapToDouble(Double::doubleValue)
            .toArray());
  }

  /** The mean over {@code subset} of the models, per seed, then over the seeds. */
  public Estimate mean(String config, long step, List<String> subset) {
    return Estimate.of(perSeedMean(config, step, subset, seeds(config)));
  }

  /**
   * Whether {@code difference} can be taken: both configurations have {@code step} and a seed in
   * common.
   */
  public boolean comparable(String config, String baseline, long step) {
    return rates.containsKey(baseline)
        && rates.get(baseline).containsKey(step)
        && !shared(config, baseline).isEmpty();
  }

  /**
   * {@code config} minus {@code baseline} on the mean over {@code subset}, seed by seed over the
   * seeds both ran, then over those seeds.
   */
  public Estimate difference(String config, String baseline, long step, List<String> subset) {
    List<String> both = shared(config, baseline);
    double[] a = perSeedMean(config, step, subset, both);
    double[] b = perSeedMean(baseline, step, subset, both);
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

  private List<String> shared(String config, String baseline) {
    List<String> both = new ArrayList<>(seeds(config));
    both.retainAll(seeds(baseline));
    return both;
  }

  private double[] perSeedMean(String config, long step, List<String> subset, List<String> of) {
    Map<String, Map<String, Double>> byModel = rates.get(config).get(step);
    double[] out = new double[of.size()];
    for (String model : subset) {
      for (int i = 0; i < out.length; i++) {
        out[i] += byModel.get(model).get(of.get(i)) / subset.size();
      }
    }
    return out;
  }
}
