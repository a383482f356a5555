package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import prefloop.learner.core.D3poConfig;
import prefloop.learner.core.GuardAction;
import prefloop.learner.core.ObjectiveKind;
import prefloop.learner.core.TimestepConfig;
import prefloop.learner.core.TimestepStrategyKind;
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
            "--pretrain-mix",
            "30",
            "--keep-checkpoints",
            "3",
            "--keep-every",
            "0");

    LearnerConfig config = main.config();
    TrainerConfig trainer = config.trainer();

    assertThat(trainer.learningRate()).isEqualTo(1e-5);
    assertThat(trainer.outputWeightCap()).isEqualTo(50);
    assertThat(trainer.pretrainMix()).isEqualTo(30);
    assertThat(config.retention()).isEqualTo(new CheckpointRetention(3, 0));
  }

  @Test
  void objectiveAndGuardFlagsReachTheTrainer() {
    LearnerMain main = new LearnerMain();
    new CommandLine(main)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .parseArgs(
            "--objective", "ipo", "--delta", "0.01", "--guard", "false", "--on-drift", "REINIT");

    TrainerConfig trainer = main.config().trainer();

    assertThat(trainer.objective()).isEqualTo(ObjectiveKind.IPO);
    assertThat(trainer.beta()).isEqualTo(TrainerConfig.recommended().beta());
    assertThat(trainer.reference().delta()).isEqualTo(0.01);
    assertThat(trainer.reference().guardEnabled()).isFalse();
    assertThat(trainer.reference().onDrift()).isEqualTo(GuardAction.REINIT);
    assertThat(trainer.reference().tau()).isEqualTo(TrainerConfig.recommended().reference().tau());
  }

  /** --objective D3PO used to keep Diffusion-DPO's β (1000), which saturates D3PO's sigmoid. */
  @Test
  void aTrajectoryObjectiveStartsFromItsOwnBetaUnlessOneIsGiven() {
    LearnerMain d3po = new LearnerMain();
    new CommandLine(d3po).parseArgs("--objective", "D3PO");
    LearnerMain dpok = new LearnerMain();
    new CommandLine(dpok).parseArgs("--objective", "DPOK");
    LearnerMain given = new LearnerMain();
    new CommandLine(given).parseArgs("--objective", "DPOK", "--beta", "0.5");

    assertThat(d3po.config().trainer().beta()).isEqualTo(TrainerConfig.D3PO_BETA);
    assertThat(dpok.config().trainer().beta()).isEqualTo(TrainerConfig.DPOK_BETA);
    assertThat(dpok.config().trainer().objective()).isEqualTo(ObjectiveKind.DPOK);
    assertThat(given.config().trainer().beta()).isEqualTo(0.5);
  }

  @Test
  void everyTrainerSettingHasAnOption() {
    LearnerMain main = new LearnerMain();
    new CommandLine(main)
        .parseArgs(
            "--weight-decay", "0.01",
            "--grad-clip", "2",
            "--trainer-seed", "7",
            "--timesteps", "ADAPTIVE",
            "--timestep-bins", "5",
            "--timestep-gamma", "0.8",
            "--adaptive-warmup", "3",
            "--adaptive-epsilon", "0.5",
            "--stats-decay", "0.9",
            "--drift-subset", "2",
            "--recentre-after", "6",
            "--d3po-ratio-clip", "0.2",
            "--d3po-steps", "3");

    TrainerConfig trainer = main.config().trainer();

    assertThat(trainer.weightDecay()).isEqualTo(0.01);
    assertThat(trainer.gradClip()).isEqualTo(2.0);
    assertThat(trainer.seed()).isEqualTo(7L);
    assertThat(trainer.timesteps())
        .isEqualTo(new TimestepConfig(TimestepStrategyKind.ADAPTIVE, 5, 0.8, 3, 0.5, 0.9));
    assertThat(trainer.reference().driftSubset()).isEqualTo(2);
    assertThat(trainer.reference().recentreAfter()).isEqualTo(6);
    assertThat(trainer.d3po()).isEqualTo(new D3poConfig(0.2, 3));
  }

  @Test
  void withoutFlagsTheLearnerRunsTheRecommendedTrainerAndDefaultRetention() {
    LearnerMain main = new LearnerMain();
    new CommandLine(main).parseArgs();

    assertThat(main.config().trainer()).isEqualTo(TrainerConfig.recommended());
    assertThat(main.config().retention()).isEqualTo(CheckpointRetention.defaults());
  }
}
