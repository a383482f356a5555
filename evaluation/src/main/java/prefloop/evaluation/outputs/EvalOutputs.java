package prefloop.evaluation.outputs;

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
import prefloop.evaluation.EvalSettings;
import prefloop.evaluation.ModelSamples;

/**
 * Writes an evaluation's files into one directory: {@code eval.md} (tables), {@code eval.json}
 * (every figure), {@code grid.png} (same prompts/seeds across checkpoints), {@code
 * win-rates-<baseline>.png} (bars per reward model) and {@code scores.png} (mean score per model
 * across checkpoints, a line per model).
 */
public final class EvalOutputs {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private EvalOutputs() {}

  /** Writes every file; {@code header} (e.g. the command line) starts the markdown. */
  public static void write(
      EvalReport report, List<ModelSamples> samples, String header, int gridColumns, Path dir)
      throws IOException {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("eval.md"),
        header + "\n\n" + EvalTables.markdown(report),
        StandardCharsets.UTF_8);
    JSON.writeValue(dir.resolve("eval.json").toFile(), json(report, header));
    ComparisonGrid.write(samples, gridColumns, dir.resolve("grid.png"));
    List<String> names = report.rows().stream().map(CheckpointScores::name).toList();
    for (String baseline : report.baselines()) {
      List<String> others = names.stream().filter(n -> !n.equals(baseline)).toList();
      if (others.isEmpty()) {
        continue;
      }
      Map<String, double[]> series = new LinkedHashMap<>();
      for (String model : report.models()) {
        series.put(
            EvalTables.label(report, model),
            others.stream()
                .mapToDouble(n -> report.row(n).winRates().get(baseline).get(model).rate())
                .toArray());
      }
      series.put(
          "mean",
          others.stream()
              .mapToDouble(n -> report.row(n).meanWinRate(baseline, report.models()))
              .toArray());
      Charts.bars(
          "Win rate vs " + baseline + " (same prompt and seed, ties ½)",
          "win rate",
          others,
          series,
          dir.resolve("win-rates-" + safe(baseline) + ".png"));
    }
    Map<String, double[][]> lines = new LinkedHashMap<>();
    double[] x = new double[names.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    for (String model : report.models()) {
      double[] y = names.stream().mapToDouble(n -> report.row(n).meanScores().get(model)).toArray();
      lines.put(EvalTables.label(report, model), new double[][] {x, normalise(y)});
    }
    Charts.lines(
        "Mean score per reward model (min-max over checkpoints " + String.join(", ", names) + ")",
        "checkpoint (index, in the order given)",
        "normalised mean score",
        lines,
        false,
        dir.resolve("scores.png"));
  }

  /** Every figure of the report as a JSON tree (the header as "command"). */
  public static Map<String, Object> json(EvalReport report, String header) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("command", header);
    EvalSettings s = report.settings();
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("prompts", s.prompts());
    settings.put("seedsPerPrompt", s.seedsPerPrompt());
    settings.put("promptSeed", s.promptSeed());
    settings.put("firstSeed", s.firstSeed());
    settings.put("sampler", s.sampler().toString());
    settings.put("rewardDir", s.rewardDir().toString());
    root.put("settings", settings);
    root.put("models", report.models());
    root.put("heldOut", report.heldOut());
    root.put("baselines", report.baselines());
    root.put("renderDiversity", report.renderDiversity());
    root.put("seconds", report.seconds());
    List<Object> rows = new ArrayList<>();
    for (CheckpointScores r : report.rows()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", r.name());
      row.put("source", r.source());
      row.put("meanScores", r.meanScores());
      row.put("winRates", r.winRates());
      Map<String, Double> means = new LinkedHashMap<>();
      for (String baseline : report.baselines()) {
        means.put(baseline, r.meanWinRate(baseline, report.models()));
      }
      row.put("meanWinRate", means);
      row.put("diversity", r.diversity());
      row.put("pixelDiversity", r.pixelDiversity());
      row.put("frechetToRenders", r.frechet());
      rows.add(row);
    }
    root.put("checkpoints", rows);
    return root;
  }

  /** Min-max normalised to [0, 1] (all equal → 0.5), so models on different scales share a plot. */
  static double[] normalise(double[] y) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : y) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = max > min ? (y[i] - min) / (max - min) : 0.5;
    }
    return out;
  }

  /** {@code name} as a file name: anything but letters, digits, '.', '_' and '-' becomes '_'. */
  public static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
