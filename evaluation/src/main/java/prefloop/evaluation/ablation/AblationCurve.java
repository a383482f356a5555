package prefloop.evaluation.ablation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import prefloop.evaluation.CheckpointScores;
import prefloop.evaluation.EvalReport;
import prefloop.evaluation.Evaluator;
import prefloop.evaluation.ModelSamples;
import prefloop.evaluation.WinRate;
import prefloop.evaluation.outputs.Charts;
import prefloop.evaluation.outputs.EvalTables;

/**
 * The win rate against the base over learner steps, from the policies' snapshots ({@code
 * --snapshot-every}): does a configuration keep improving, or plateau? Writes {@code curve.md} (one
 * row per snapshot, every reward model ± SE), {@code curve.json} (configuration → step → model →
 * rate and SE, for pooling seeds) and {@code curve.png} (mean training and mean held-out win rate
 * per configuration; step 0 is the base itself, ½).
 */
public final class AblationCurve {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AblationCurve() {}

  /**
   * Scores {@code base} and every snapshot on the evaluator's items and writes the three files.
   *
   * @param snapshots per configuration, its snapshots named {@code <configuration>@<step>}
   */
  public static EvalReport write(
      Evaluator evaluator,
      ModelSamples base,
      Map<String, List<ModelSamples>> snapshots,
      String header,
      Path dir)
      throws IOException {
    List<ModelSamples> all = new ArrayList<>();
    all.add(base);
    snapshots.values().forEach(all::addAll);
    EvalReport report = evaluator.report(all, List.of(base.name()), System.nanoTime());
    Files.writeString(
        dir.resolve("curve.md"),
        header
            + "\n\nWin rate against `"
            + base.name()
            + "` over learner steps (same prompts and seeds; ties ½; ± standard error):\n\n"
            + EvalTables.winRates(report, base.name()),
        StandardCharsets.UTF_8);
    Map<String, Map<Long, Map<String, WinRate>>> json = new LinkedHashMap<>();
    Map<String, double[][]> lines = new LinkedHashMap<>();
    for (Map.Entry<String, List<ModelSamples>> entry : snapshots.entrySet()) {
      Map<Long, Map<String, WinRate>> bySteps = new LinkedHashMap<>();
      int n = entry.getValue().size();
      double[] steps = new double[n + 1];
      double[] training = new double[n + 1];
      double[] heldOut = new double[n + 1];
      training[0] = 0.5;
      heldOut[0] = 0.5;
      for (int i = 0; i < n; i++) {
        CheckpointScores row = report.row(entry.getValue().get(i).name());
        steps[i + 1] = stepOf(row.name());
        bySteps.put((long) steps[i + 1], row.winRates().get(base.name()));
        training[i + 1] = row.meanWinRate(base.name(), report.trainingModels());
        heldOut[i + 1] = row.meanWinRate(base.name(), report.heldOut());
      }
      json.put(entry.getKey(), bySteps);
      lines.put(entry.getKey() + " training", new double[][] {steps, training});
      lines.put(entry.getKey() + " held-out", new double[][] {steps, heldOut});
    }
    JSON.writeValue(dir.resolve("curve.json").toFile(), json);
    Charts.lines(
        "Win rate against the base over steps (mean of training / held-out scorers)",
        "learner step",
        "win rate vs base",
        lines,
        false,
        dir.resolve("curve.png"));
    return report;
  }

  /** The step of a snapshot named {@code <configuration>@<step>}. */
  static long stepOf(String snapshotName) {
    int at = snapshotName.lastIndexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException(
          "'" + snapshotName + "' is not a snapshot name (<configuration>@<step>)");
    }
    return Long.parseLong(snapshotName.substring(at + 1));
  }
}
