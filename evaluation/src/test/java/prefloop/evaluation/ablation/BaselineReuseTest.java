package prefloop.evaluation.ablation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void anUnfinishedRunIsRefused(@TempDir Path earlier) throws Exception {
    BaselineKeyTest.KEY.write(earlier);

    assertThatThrownBy(
            () -> new BaselineReuse(earlier).outcome(BaselineKeyTest.KEY, BASELINE, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("did not finish");
  }
}
