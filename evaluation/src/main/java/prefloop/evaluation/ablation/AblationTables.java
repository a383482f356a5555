package prefloop.evaluation.ablation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import prefloop.evaluation.EvalReport;
import prefloop.evaluation.outputs.EvalTables;
import prefloop.learner.core.MergeEvent;

/**
 * The ablation's markdown: the paper's Tables 3–4 (raw scores per configuration), Table 1 (win
 * rates against Diffusion-DPO with a frozen reference, and against the base), and the training side
 * (loss, implicit accuracy, drift D per merge, frozen merges) that shows the divergence without the
 * guard.
 */
public final class AblationTables {
  private AblationTables() {}

  /** The whole report: header (command, seeds), the three tables and the legend. */
  public static String markdown(
      String header,
      EvalReport report,
      Map<String, VariantTrace> traces,
      List<AblationVariant> all) {
    StringBuilder out = new StringBuilder(header).append("\n\n");
    out.append("### Raw scores (shape of the paper's Tables 3–4)\n\n");
    out.append(EvalTables.scores(report)).append('\n');
    out.append("### Win rate vs Diffusion-DPO (shape of the paper's Table 1)\n\n");
    out.append(EvalTables.winRates(report, AblationPlan.BASELINE)).append('\n');
    if (report.baselines().contains("base")) {
      out.append("### Win rate vs the base model\n\n");
      out.append(EvalTables.winRates(report, "base")).append('\n');
    }
    out.append("### Training and drift\n\n");
    out.append(training(traces)).append('\n');
    out.append("### Configurations\n\n");
    for (AblationVariant v : all) {
      out.append("- `").append(v.name()).append("`: ").append(v.description()).append('\n');
    }
    return out.toString();
  }

  /**
   * Per configuration: steps, seconds, loss and implicit accuracy over the last quarter, merges,
   * frozen merges, the D logged at the last merge and the largest, the reference's mean lag, and
   * D(policy, base) at the end.
   */
  public static String training(Map<String, VariantTrace> traces) {
    List<String> header =
        List.of(
            "configuration",
            "steps",
            "s",
            "loss (last ¼)",
            "implicit acc (last ¼)",
            "merges",
            "frozen",
            "D last merge",
            "D max merge",
            "mean lag D(policy, ref)",
            "D(policy, base)");
    StringBuilder out =
        new StringBuilder(EvalTables.row(header)).append(EvalTables.rule(header.size()));
    for (VariantTrace t : traces.values()) {
      List<String> cells = new ArrayList<>();
      cells.add(t.name());
      cells.add(Long.toString(t.steps()));
      cells.add(EvalTables.fmt("%.0f", t.seconds()));
      cells.add(EvalTables.fmt("%.4f", VariantTrace.tailMean(t.loss())));
      cells.add(EvalTables.fmt("%.3f", VariantTrace.tailMean(t.implicitAccuracy())));
      cells.add(Integer.toString(t.merges().size()));
      cells.add(Long.toString(t.frozenMerges()));
      cells.add(sci(t.lastMergeDrift()));
      cells.add(sci(t.maxMergeDrift()));
      cells.add(sci(t.meanLag()));
      cells.add(sci(t.finalDrift()));
      out.append(EvalTables.row(cells));
    }
    return out.toString();
  }

  /** D at every merge of every configuration that merges: the log the guard acts on. */
  public static String driftLog(Map<String, VariantTrace> traces) {
    return mergeLog(traces, MergeEvent::drift);
  }

  /** The reference's lag D(p_θ, p_ref) just before every merge. */
  public static String lagLog(Map<String, VariantTrace> traces) {
    return mergeLog(traces, MergeEvent::lag);
  }

  private static String mergeLog(
      Map<String, VariantTrace> traces, ToDoubleFunction<MergeEvent> value) {
    StringBuilder out = new StringBuilder();
    for (VariantTrace t : traces.values()) {
      if (t.merges().isEmpty()) {
        continue;
      }
      out.append("- `").append(t.name()).append("`: ");
      List<String> entries = new ArrayList<>();
      t.merges()
          .forEach(
              m ->
                  entries.add(
                      EvalTables.fmt(
                          "%d:%s%s",
                          m.step(), sci(value.applyAsDouble(m)), m.frozen() ? "(frozen)" : "")));
      out.append(String.join(" ", entries)).append('\n');
    }
    return out.toString();
  }

  static String sci(double value) {
    return Double.isNaN(value) ? "–" : EvalTables.fmt("%.2e", value);
  }
}
