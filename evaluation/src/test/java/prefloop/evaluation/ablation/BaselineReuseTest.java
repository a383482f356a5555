package prefloop.evaluation.ablation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.learner.core.MergeEvent;

/** What {@code --baseline-from} refuses, before it loads or samples anything. */
class BaselineReuseTest {
  private static final AblationVariant BASELINE =
      AblationPlan.variants(AblationSettings.full(Path.of("b"), Path.of("o"), Path.of("r"))).get(0);

  @Test
  void aRunUnderOtherSettingsIsRefusedWithWhatDiffers(@TempDir Path earlier) throws Exception {
    BaselineKeyTest.KEY.withSteps(200).write(earlier);

    assertThatThrownBy(
            () -> new BaselineReuse(earlier).outcome(BaselineKeyTest.KEY, BASELINE, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("steps: 400 ≠ 200")
        .hasMessageContaining("Drop --baseline-from");
  }

  /** A skipped step's loss is NaN; the ablation's JSON writes it as "NaN" and must read it back. */
  @Test
  void aTraceWithSkippedStepsReadsBackAsWritten(@TempDir Path earlier) throws Exception {
    VariantTrace written =
        new VariantTrace(
            "dpo",
            3,
            1,
            16,
            12.5,
            new double[] {0.69, Double.NaN, 0.66},
            new double[] {0.5, Double.NaN, 0.625},
            List.of(new MergeEvent(2, 0.5, 3e-5, 1e-5, 2e-4, false, false, false)),
            6.2e-5);
    new ObjectMapper()
        .writeValue(
            earlier.resolve("ablation.json").toFile(), Map.of("training", Map.of("dpo", written)));

    VariantTrace read = new BaselineReuse(earlier).trace("dpo");

    assertThat(read.loss()).containsExactly(0.69, Double.NaN, 0.66);
    assertThat(read.implicitAccuracy()).containsExactly(0.5, Double.NaN, 0.625);
    assertThat(read.merges()).isEqualTo(written.merges());
    assertThat(read.finalDrift()).isEqualTo(6.2e-5);
  }

  @Test
  void anUnfinishedRunIsRefused(@TempDir Path earlier) throws Exception {
    BaselineKeyTest.KEY.write(earlier);

    assertThatThrownBy(
            () -> new BaselineReuse(earlier).outcome(BaselineKeyTest.KEY, BASELINE, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("did not finish");
  }
}
