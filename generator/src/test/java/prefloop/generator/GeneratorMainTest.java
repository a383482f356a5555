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
    GeneratorMain main =
        parsed(
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
  void everySettingOfThePromptMixAndBackpressureIsAnOption() {
    GeneratorMain main =
        parsed(
            "--bootstrap",
            "k:9092",
            "--base",
            "b",
            "--prompt-queue",
            "50",
            "--backpressure-poll-ms",
            "250",
            "--inline-trajectory-bytes",
            "1024");

    GeneratorConfig config = main.config();

    assertThat(config.prompts().queueCapacity()).isEqualTo(50);
    assertThat(config.backpressure().pollInterval()).hasMillis(250);
    assertThat(config.sampling().trajectoryInlineBytes()).isEqualTo(1024);
  }

  /**
   * Two generators started alike (scale-out, or a restart) used to share seed 0 and so sample the
   * very same prompts with the very same image seeds: duplicate pairs under different ids.
   */
  @Test
  void generatorsStartedAlikeDrawDifferentSeedsUnlessOneIsGiven() {
    String[] alike = {"--bootstrap", "k:9092", "--base", "b"};
    GeneratorMain first = parsed(alike);
    GeneratorMain second = parsed(alike);
    GeneratorMain pinned = parsed("--bootstrap", "k:9092", "--base", "b", "--seed", "7");

    assertThat(first.config().seed()).isNotEqualTo(second.config().seed());
    assertThat(first.config().seed()).isEqualTo(first.config().seed());
    assertThat(pinned.config().seed()).isEqualTo(7);
  }

  @Test
  void inconsistentOptionsAreRefusedWithTheKey() {
    GeneratorMain main = parsed("--bootstrap", "k:9092", "--base", "b", "--mode", "TRAJECTORY");

    assertThatThrownBy(main::config).hasMessageContaining("sampling.eta = 0.0");
  }

  @Test
  void groupSizeIsAnOptionCheckedAgainstTheMode() {
    GeneratorMain groups = parsed("--bootstrap", "k:9092", "--base", "b", "--group-size", "4");
    GeneratorMain trajectories =
        parsed(
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

  /** A GeneratorMain whose options were parsed from {@code args}. */
  private static GeneratorMain parsed(String... args) {
    GeneratorMain main = new GeneratorMain();
    new CommandLine(main).parseArgs(args);
    return main;
  }
}
