package prefloop.evaluation.ablation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class AblationCurveTest {

  @Test
  void aSnapshotsStepIsReadBackFromItsName() {
    assertThat(AblationCurve.stepOf(VariantTrainer.snapshotName("dpo+ref-ema", 300)))
        .isEqualTo(300);
    assertThatThrownBy(() -> AblationCurve.stepOf("dpo"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("<configuration>@<step>");
  }

  @Test
  void runsWithAnotherTrainerSeedDrawAnotherOnlineStream() {
    AblationSettings one = settings("--seed", "1");
    AblationSettings two = settings("--seed", "2");
    assertThat(new AblationRunner(one).onlineSeed())
        .isNotEqualTo(new AblationRunner(two).onlineSeed());
  }

  private static AblationSettings settings(String... args) {
    AblateCommand command = new AblateCommand();
    new CommandLine(command).parseArgs(args);
    return command.settings();
  }
}
