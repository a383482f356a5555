package prefloop.evaluation.ablation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import prefloop.evaluation.EvalReport;
import prefloop.evaluation.ModelSamples;
import prefloop.evaluation.outputs.Charts;
import prefloop.evaluation.outputs.EvalOutputs;
import prefloop.learner.core.MergeEvent;

/**
 * Writes the ablation's files into its output directory: {@code ablation.md}, {@code
 * ablation.json}, the evaluation's files ({@link EvalOutputs}: grid, win-rate bars), {@code
 * drift.png} (D per merge, log scale, one line per configuration that merges) and {@code loss.png}
 * (training loss, smoothed over 10 steps).
 */
public final class AblationOutputs {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AblationOutputs() {}

  public static void write(
      String header,
      EvalReport report,
      List<ModelSamples> samples,
      Map<String, VariantTrace> traces,
      List<AblationVariant> variants,
      Path dir)
      throws IOException {
    EvalOutputs.write(report, samples, header, 12, dir);
    String markdown =
        AblationTables.markdown(header, report, traces, variants)
            + "\n### Drift D at each merge (step:D)\n\n"
            + AblationTables.driftLog(traces)
            + "\n### The reference's lag D(policy, reference) before each merge (step:D)\n\n"
            + AblationTables.lagLog(traces);
    Files.writeString(dir.resolve("ablation.md"), markdown, StandardCharsets.UTF_8);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("command", header);
    root.put("evaluation", EvalOutputs.json(report, header));
    Map<String, Object> training = new LinkedHashMap<>();
    traces.forEach((name, trace) -> training.put(name, trace));
    root.put("training", training);
    JSON.writeValue(dir.resolve("ablation.json").toFile(), root);
    Map<String, double[][]> drift = new LinkedHashMap<>();
    Map<String, double[][]> loss = new LinkedHashMap<>();
    for (VariantTrace t : traces.values()) {
      if (!t.merges().isEmpty()) {
        drift.put(
            t.name(),
            new double[][] {
              t.merges().stream().mapToDouble(MergeEvent::step).toArray(),
              t.merges().stream().mapToDouble(MergeEvent::drift).toArray()
            });
        drift.put(
            t.name() + " lag D(p_θ, p_ref)",
            new double[][] {
              t.merges().stream().mapToDouble(MergeEvent::step).toArray(),
              t.merges().stream().mapToDouble(MergeEvent::lag).toArray()
            });
      }
      loss.put(t.name(), smoothed(t.loss(), 10));
    }
    Charts.lines(
        "Drift D(p_ref, p_init) and lag D(p_θ, p_ref) at each reference update",
        "learner step",
        "D (log scale)",
        drift,
        true,
        dir.resolve("drift.png"));
    Charts.lines(
        "Training loss (moving mean of 10 steps)",
        "learner step",
        "−log σ(inside)",
        loss,
        false,
        dir.resolve("loss.png"));
  }

  /** {x = step, y = mean of the last {@code window} finite values}. */
  static double[][] smoothed(double[] values, int window) {
    double[] x = new double[values.length];
    double[] y = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      double sum = 0;
      int n = 0;
      for (int j = Math.max(0, i - window + 1); j <= i; j++) {
        if (Double.isFinite(values[j])) {
          sum += values[j];
          n++;
        }
      }
      x[i] = i + 1;
      y[i] = n == 0 ? 0 : sum / n;
    }
    return new double[][] {x, y};
  }
}
