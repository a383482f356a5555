package prefloop.evaluation.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import prefloop.learner.core.TrainerConfig;

/** {@code simulate} takes every trainer option the services take, and only those it can run. */
class SimulateCommandTest {

  private static LoopSimulationSettings parsed(String... args) {
    SimulateCommand command = new SimulateCommand();
    new CommandLine(command).parseArgs(args);
    return command.settings();
  }

  @Test
  void withoutTrainerOptionsTheTrainerIsTheRecommendedOneWithTheRunsSeed() {
    assertThat(parsed("--seed", "3").trainer()).isEqualTo(TrainerConfig.recommended().withSeed(3));
  }

  @Test
  void theDriftGuardAndEveryOtherTrainerOptionReachTheSimulation() {
    TrainerConfig trainer =
        parsed("--delta", "2e-5", "--tau", "16", "--lr", "1e-5", "--pretrain-mix", "30").trainer();

    assertThat(trainer.reference().delta()).isEqualTo(2e-5);
    assertThat(trainer.reference().tau()).isEqualTo(16);
    assertThat(trainer.learningRate()).isEqualTo(1e-5);
    assertThat(trainer.pretrainMix()).isEqualTo(30);
  }

  @Test
  void aFrozenReferenceStillWinsOverTheReferenceOptions() {
    assertThat(parsed("--alpha", "0.9", "--frozen-reference").trainer().reference().alpha())
        .isZero();
  }

  @Test
  void anObjectiveThatNeedsTrajectoriesIsRefusedWithWhereToRunIt() {
    assertThatThrownBy(() -> parsed("--objective", "D3PO"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("D3PO needs them");
  }
}
