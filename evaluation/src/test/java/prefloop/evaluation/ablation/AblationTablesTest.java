package prefloop.evaluation.ablation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import prefloop.learner.core.MergeEvent;

/** The training side of ablation.md: drift, lag and freezes per merge. */
class AblationTablesTest {

  private static Map<String, VariantTrace> traces() {
    Map<String, VariantTrace> traces = new LinkedHashMap<>();
    traces.put("dpo", trace("dpo", List.of()));
    traces.put(
        "dpo+ref-ema",
        trace(
            "dpo+ref-ema",
            List.of(
                new MergeEvent(16, 0.5, 4e-5, 1e-5, 2e-4, false, false, false),
                new MergeEvent(32, 0, 6e-5, 3e-4, 2e-4, true, false, false))));
    return traces;
  }

  private static VariantTrace trace(String name, List<MergeEvent> merges) {
    return new VariantTrace(
        name, 32, 0, 256, 10, new double[] {0.7}, new double[] {0.5}, merges, 1e-4);
  }

  @Test
  void theLagLogListsDPolicyReferenceAtEveryMergeOfTheConfigurationsThatMerge() {
    assertThat(AblationTables.lagLog(traces()))
        .isEqualTo("- `dpo+ref-ema`: 16:4.00e-05 32:6.00e-05(frozen)\n");
    assertThat(AblationTables.driftLog(traces()))
        .isEqualTo("- `dpo+ref-ema`: 16:1.00e-05 32:3.00e-04(frozen)\n");
  }

  @Test
  void theTrainingTableGivesTheMeanLagAndADashWithoutMerges() {
    String table = AblationTables.training(traces());

    assertThat(table).contains("mean lag D(policy, ref)");
    assertThat(table).contains("| 2 | 1 | 3.00e-04 | 3.00e-04 | 5.00e-05 | 1.00e-04 |");
    assertThat(table).contains("| 0 | 0 | – | – | – | 1.00e-04 |");
  }
}
