package prefloop.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import prefloop.diffusion.model.DeviceChoice;
import prefloop.schemas.avro.ModelRole;

class GeneratorMainTest {

  @Test
  void optionsBecomeAValidatedConfig() {
    GeneratorMain main = new GeneratorMain();
    new CommandLine(main)
        .parseArgs(
            "--bootstrap",
            "k:9092",
            "--base",
            "models/base",
            "--mode",
            "TRAJECTORY",
            "--eta",
            "1",
            "--max-lag",
            "32",
            "--sample-from",
            "REFERENCE",
            "--http-port",
            "0",
            "--device",
            "CPU");

    GeneratorConfig config = main.config();

    assertThat(config.sampling().mode()).isEqualTo(GenerationMode.TRAJECTORY);
    assertThat(config.sampling().steps()).isEqualTo(20);
    assertThat(config.backpressure().maxLag()).isEqualTo(32);
    assertThat(config.backpressure().maxBacklog()).isEqualTo(64);
    assertThat(config.sampleFrom()).isEqualTo(ModelRole.REFERENCE);
    assertThat(config.device()).isEqualTo(DeviceChoice.CPU);
  }

  @Test
  void inconsistentOptionsAreRefusedWithTheKey() {
    GeneratorMain main = new GeneratorMain();
    new CommandLine(main).parseArgs("--bootstrap", "k:9092", "--base", "b", "--mode", "TRAJECTORY");

    assertThatThrownBy(main::config).hasMessageContaining("sampling.eta = 0.0");
  }

  @Test
  void groupSizeIsAnOptionCheckedAgainstTheMode() {
    GeneratorMain groups = new GeneratorMain();
    new CommandLine(groups).parseArgs("--bootstrap", "k:9092", "--base", "b", "--group-size", "4");
    GeneratorMain trajectories = new GeneratorMain();
    new CommandLine(trajectories)
        .parseArgs(
            "--bootstrap",
            "k",
            "--base",
            "b",
            "--mode",
            "TRAJECTORY",
            "--eta",
            "1",
            "--group-size",
            "3");

    assertThat(groups.config().sampling().groupSize()).isEqualTo(4);
    assertThatThrownBy(trajectories::config).hasMessageContaining("sampling.groupSize = 3");
  }

  @Test
  void unknownOptionsAreRejected() {
    assertThatThrownBy(
            () ->
                new CommandLine(new GeneratorMain())
                    .parseArgs("--bootstrap", "k", "--base", "b", "--colour", "red"))
        .isInstanceOf(CommandLine.UnmatchedArgumentException.class);
  }
}
