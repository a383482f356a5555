package prefloop.evaluation.ablation;

import static prefloop.evaluation.outputs.EvalTables.fmt;
import static prefloop.evaluation.outputs.EvalTables.row;
import static prefloop.evaluation.outputs.EvalTables.rule;

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

/**
 * {@code ablate-pool}: pools the win-rate curves of ablation runs that differ only in {@code
 * --seed} ({@link PooledCurves}) into {@code pooled.md} (per configuration and step, every model's
 * mean over seeds ± the standard error across seeds, and each configuration's difference from the
 * baseline, seed by seed) and {@code pooled.png} (mean held-out and training win rate over steps).
 */
@Command(
    name = "ablate-pool",
    mixinStandardHelpOptions = true,
    description =
        "Pools the win rate over steps of `ablate --snapshot-every` runs that differ only in --seed.")
public final class AblatePoolCommand implements Callable<Integer> {

  @Option(
      names = "--run",
      required = true,
      description = "an ablate --out directory with curve.json (repeat, one per seed)")
  List<Path> runs;

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
    PooledCurves pooled = PooledCurves.read(runs, new LinkedHashSet<>(heldOut));
    Files.createDirectories(out);
    Files.writeString(out.resolve("pooled.md"), markdown(pooled), StandardCharsets.UTF_8);
    Charts.lines(
        "Win rate against the base over steps, mean of " + runs.size() + " seeds",
        "learner step",
        "win rate vs base",
        lines(pooled),
        false,
        out.resolve("pooled.png"));
    System.out.print(markdown(pooled));
    return 0;
  }

  String markdown(PooledCurves pooled) {
    StringBuilder md = new StringBuilder();
    md.append(
        fmt(
            "Runs pooled: %s (%d seeds). Mean over seeds ± standard error across seeds; † ="
                + " held-out.%n%n",
            String.join(", ", pooled.seeds()), pooled.seeds().size()));
    List<String> header = new ArrayList<>(List.of("configuration", "step"));
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
                          List<String> cells = new ArrayList<>(List.of(config, "" + step));
                          pooled
                              .models()
                              .forEach(m -> cells.add(cell(pooled.model(config, step, m))));
                          cells.add(cell(pooled.mean(config, step, pooled.training())));
                          cells.add(cell(pooled.mean(config, step, pooled.heldOut())));
                          md.append(row(cells));
                        }));
    if (pooled.rates().containsKey(baseline)) {
      md.append(
          fmt("%nDifference from `%s`, seed by seed (same seeds), then over seeds:%n%n", baseline));
      md.append(row(List.of("configuration", "step", "Δ mean training", "Δ mean held-out")))
          .append(rule(4));
      pooled
          .rates()
          .forEach(
              (config, bySteps) -> {
                if (config.equals(baseline)) {
                  return;
                }
                bySteps
                    .keySet()
                    .forEach(
                        step ->
                            md.append(
                                row(
                                    List.of(
                                        config,
                                        "" + step,
                                        signed(
                                            pooled.difference(
                                                config, baseline, step, pooled.training())),
                                        signed(
                                            pooled.difference(
                                                config, baseline, step, pooled.heldOut()))))));
              });
    }
    return md.toString();
  }

  private static Map<String, double[][]> lines(PooledCurves pooled) {
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
              lines.put(config + " training", new double[][] {x, training});
              lines.put(config + " held-out", new double[][] {x, heldOut});
            });
    return lines;
  }

  private static String cell(Estimate e) {
    return fmt("%.3f ± %.3f", e.mean(), e.standardError());
  }

  private static String signed(Estimate e) {
    return fmt("%+.3f ± %.3f", e.mean(), e.standardError());
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new AblatePoolCommand()).execute(args));
  }
}
