package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import prefloop.learner.core.TrainerConfig;

class LearnerMainTest {

  @Test
  void trainerAndRetentionFlagsReachTheConfig() {
    LearnerMain main = new LearnerMain();
    new CommandLine(main)
        .parseArgs(
            "--lr",
            "1e-5",
            "--output-weight-cap",
            "50",
            "--keep-checkpoints",
            "3",
            "--keep-every",
            "0");

    LearnerConfig config = main.config();
    TrainerConfig trainer = config.trainer();

    assertThat(trainer.learningRate()).isEqualTo(1e-5);
    assertThat(trainer.outputWeightCap()).isEqualTo(50);
    assertThat(config.retention()).isEqualTo(new CheckpointRetention(3, 0));
  }

  @Test
  void withoutFlagsTheLearnerRunsTheRecommendedTrainerAndDefaultRetention() {
    LearnerMain main = new LearnerMain();
    new CommandLine(main).parseArgs();

    assertThat(main.config().trainer()).isEqualTo(TrainerConfig.recommended());
    assertThat(main.config().retention()).isEqualTo(CheckpointRetention.defaults());
  }
}
