package prefloop.evaluation.outputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import prefloop.evaluation.CheckpointScores;
import prefloop.evaluation.EvalReport;
import prefloop.evaluation.EvalSettings;
import prefloop.evaluation.WinRate;

/**
 * Markdown tables of an {@link EvalReport}: raw mean scores per reward model (the shape of the
 * paper's Tables 3–4) and win rates against a baseline under the same seeds (Table 1), plus the
 * diversity columns. Held-out models are marked with a dagger.
 */
public final class EvalTables {
  private EvalTables() {}

  /** Raw scores: one row per checkpoint, one column per reward model, then diversity and FD. */
  public static String scores(EvalReport report) {
    List<String> header = new ArrayList<>();
    header.add("checkpoint");
    for (String model : report.models()) {
      header.add(label(report, model) + " ↑");
    }
    header.add("diversity ↑");
    header.add("pixel div. ↑");
    header.add("FD to renders ↓");
    StringBuilder out = new StringBuilder(row(header)).append(rule(header.size()));
    for (CheckpointScores r : report.rows()) {
      List<String> cells = new ArrayList<>();
      cells.add(r.name());
      for (String model : report.models()) {
        cells.add(fmt("%.4f", r.meanScores().get(model)));
      }
      cells.add(fmt("%.3f", r.diversity()));
      cells.add(fmt("%.4f", r.pixelDiversity()));
      cells.add(fmt("%.3f", r.frechet()));
      out.append(row(cells));
    }
    List<String> renders = new ArrayList<>();
    renders.add("*clean renders*");
    for (int i = 0; i < report.models().size(); i++) {
      renders.add("");
    }
    renders.add(fmt("%.3f", report.renderDiversity()));
    renders.add("");
    renders.add("0");
    out.append(row(renders));
    return out.toString();
  }

  /**
   * Win rates against {@code baseline}: one column per model (± standard error), the mean over all
   * models, over training models and over held-out models.
   */
  public static String winRates(EvalReport report, String baseline) {
    List<String> header = new ArrayList<>();
    header.add("checkpoint vs " + baseline);
    for (String model : report.models()) {
      header.add(label(report, model));
    }
    header.add("mean");
    header.add("mean training");
    header.add("mean held-out");
    StringBuilder out = new StringBuilder(row(header)).append(rule(header.size()));
    for (CheckpointScores r : report.rows()) {
      if (r.name().equals(baseline)) {
        continue;
      }
      List<String> cells = new ArrayList<>();
      cells.add(r.name());
      for (String model : report.models()) {
        WinRate w = r.winRates().get(baseline).get(model);
        cells.add(fmt("%.3f ± %.3f", w.rate(), w.standardError()));
      }
      cells.add(fmt("**%.3f**", r.meanWinRate(baseline, report.models())));
      cells.add(fmt("%.3f", r.meanWinRate(baseline, report.trainingModels())));
      cells.add(fmt("%.3f", r.meanWinRate(baseline, report.heldOut())));
      out.append(row(cells));
    }
    return out.toString();
  }

  /** Both tables with a short legend. */
  public static String markdown(EvalReport report) {
    EvalSettings s = report.settings();
    StringBuilder out = new StringBuilder();
    out.append(
        fmt(
            "%d held-out prompts × %d seeds (first seed %d, prompt choice seed %d); sampler %s;"
                + " %.0f s.%n%n",
            s.prompts(),
            s.seedsPerPrompt(),
            s.firstSeed(),
            s.promptSeed(),
            s.sampler(),
            report.seconds()));
    out.append("Mean reward (raw scores; † = held-out model, never used for labels):\n\n");
    out.append(scores(report)).append('\n');
    for (String baseline : report.baselines()) {
      out.append("Win rate against `")
          .append(baseline)
          .append("`, same prompt and seed (ties ½, ± standard error):\n\n");
      out.append(winRates(report, baseline)).append('\n');
    }
    return out.toString();
  }

  /** A reward model's column label; held-out models are marked †. */
  public static String label(EvalReport report, String model) {
    return report.heldOut().contains(model) ? model + " †" : model;
  }

  /** One markdown table row. */
  public static String row(List<String> cells) {
    return "| " + String.join(" | ", cells) + " |\n";
  }

  /** The markdown rule under a header of {@code columns} cells. */
  public static String rule(int columns) {
    return "|" + "---|".repeat(columns) + "\n";
  }

  /** {@link String#format} in the root locale (a decimal point whatever the machine's). */
  public static String fmt(String format, Object... values) {
    return String.format(Locale.ROOT, format, values);
  }
}
