package prefloop.evaluation.ablation;

import static prefloop.evaluation.outputs.EvalTables.fmt;
import static prefloop.evaluation.outputs.EvalTables.row;
import static prefloop.evaluation.outputs.EvalTables.rule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import prefloop.evaluation.ablation.PooledCurves.Estimate;
import prefloop.evaluation.outputs.Charts;
import prefloop.schemas.cli.Commands;

/**
 * {@code ablate-pool}: pools the win-rate curves of ablation runs ({@link PooledCurves}) into
 * {@code pooled.md} (per configuration and step, every model's mean over seeds ± the standard error
 * across seeds, and each configuration's difference from the baseline, seed by seed) and three
 * charts of the mean win rate over steps: {@code pooled.png} (training and held-out), {@code
 * pooled-training.png} and {@code pooled-held-out.png}. Runs of several configurations that share
 * their baselines pool into one table; {@code LABEL=DIR} tells apart runs of one configuration with
 * other options.
 */
@Command(
    name = "ablate-pool",
    description =
        "Pools the win rate over steps of `ablate --snapshot-every` runs over their seeds, one"
            + " configuration or several that share their baselines.")
public final class AblatePoolCommand implements Callable<Integer> {

  @Option(
      names = "--run",
      required = true,
      paramLabel = "[LABEL=]DIR",
      converter = PooledRunConverter.class,
      description =
          "an ablate --out directory with curve.json, named by its seed (repeat: one per seed and"
              + " configuration); LABEL= pools its configuration under LABEL, e.g."
              + " tau64=run/rows-tau64/dpo+ref-hard/seed-1")
  List<PooledRun> runs;

  @Option(names = "--out", required = true, description = "where pooled.md and pooled.png go")
  Path out;

  @Option(
      names = "--baseline",
      description = "the configuration differences are taken against (default ${DEFAULT-VALUE})")
  String baseline = AblationPlan.BASELINE;

  @Option(
      names = "--held-out",
      split = ",",
      description = "the held-out reward models (default ${DEFAULT-VALUE})")
  List<String> heldOut = List.of("fidelity-heldout", "aesthetic-heldout", "attributes");

  @Override
  public Integer call() throws Exception {
    PooledCurves pooled = PooledCurves.read(runs, baseline, new LinkedHashSet<>(heldOut));
    Files.createDirectories(out);
    Files.writeString(out.resolve("pooled.md"), markdown(pooled), StandardCharsets.UTF_8);
    chart(pooled, "", true, true, "pooled.png");
    chart(pooled, ", training models", true, false, "pooled-training.png");
    chart(pooled, ", held-out models", false, true, "pooled-held-out.png");
    System.out.print(markdown(pooled));
    return 0;
  }

  private void chart(
      PooledCurves pooled, String which, boolean training, boolean heldOut, String file)
      throws IOException {
    Charts.lines(
        "Win rate against the base over steps, mean over seeds" + which,
        "learner step",
        "win rate vs base",
        lines(pooled, training, heldOut),
        false,
        out.resolve(file));
  }

  /** Parses {@code --run} values. */
  static final class PooledRunConverter implements CommandLine.ITypeConverter<PooledRun> {
    @Override
    public PooledRun convert(String value) {
      return PooledRun.parse(value);
    }
  }

  String markdown(PooledCurves pooled) {
    StringBuilder md = new StringBuilder();
    md.append(
        fmt(
            "Runs pooled: %s (%d seeds). Mean over seeds ± standard error across seeds; † ="
                + " held-out.%n%n",
            String.join(", ", pooled.seeds()), pooled.seeds().size()));
    List<String> header = new ArrayList<>(List.of("configuration", "seeds", "step"));
    pooled.models().forEach(m -> header.add(pooled.heldOut().contains(m) ? m + " †" : m));
    header.add("mean training");
    header.add("mean held-out");
    md.append(row(header)).append(rule(header.size()));
    pooled
        .rates()
        .forEach(
            (config, bySteps) ->
                bySteps
                    .keySet()
                    .forEach(
                        step -> {
                          List<String> cells =
                              new ArrayList<>(
                                  List.of(config, "" + pooled.seeds(config).size(), "" + step));
                          pooled
                              .models()
                              .forEach(m -> cells.add(cell(pooled.model(config, step, m))));
                          cells.add(cell(pooled.mean(config, step, pooled.training())));
                          cells.add(cell(pooled.mean(config, step, pooled.heldOut())));
                          md.append(row(cells));
                        }));
    if (pooled.rates().containsKey(baseline)) {
      md.append(
          fmt(
              "%nDifference from `%s`, seed by seed over the seeds both ran, then over those"
                  + " seeds:%n%n",
              baseline));
      md.append(
              row(List.of("configuration", "seeds", "step", "Δ mean training", "Δ mean held-out")))
          .append(rule(5));
      pooled
          .rates()
          .forEach(
              (config, bySteps) -> {
                if (config.equals(baseline)) {
                  return;
                }
                bySteps.keySet().stream()
                    .filter(step -> pooled.comparable(config, baseline, step))
                    .forEach(
                        step -> {
                          Estimate training =
                              pooled.difference(config, baseline, step, pooled.training());
                          md.append(
                              row(
                                  List.of(
                                      config,
                                      "" + training.seeds(),
                                      "" + step,
                                      signed(training),
                                      signed(
                                          pooled.difference(
                                              config, baseline, step, pooled.heldOut())))));
                        });
              });
    }
    return md.toString();
  }

  private static Map<String, double[][]> lines(
      PooledCurves pooled, boolean withTraining, boolean withHeldOut) {
    Map<String, double[][]> lines = new LinkedHashMap<>();
    pooled
        .rates()
        .forEach(
            (config, bySteps) -> {
              int n = bySteps.size() + 1;
              double[] x = new double[n];
              double[] training = new double[n];
              double[] heldOut = new double[n];
              training[0] = 0.5;
              heldOut[0] = 0.5;
              int i = 1;
              for (long step : bySteps.keySet()) {
                x[i] = step;
                training[i] = pooled.mean(config, step, pooled.training()).mean();
                heldOut[i] = pooled.mean(config, step, pooled.heldOut()).mean();
                i++;
              }
              if (withTraining) {
                lines.put(config + " training", new double[][] {x, training});
              }
              if (withHeldOut) {
                lines.put(config + " held-out", new double[][] {x, heldOut});
              }
            });
    return lines;
  }

  /** One seed has no spread to give, so its cell is the value alone. */
  private static String cell(Estimate e) {
    return e.seeds() > 1 ? fmt("%.3f ± %.3f", e.mean(), e.standardError()) : fmt("%.3f", e.mean());
  }

  private static String signed(Estimate e) {
    return e.seeds() > 1
        ? fmt("%+.3f ± %.3f", e.mean(), e.standardError())
        : fmt("%+.3f", e.mean());
  }

  public static void main(String[] args) {
    Commands.runAndExit(new AblatePoolCommand(), args);
  }
}
