package prefloop.rater.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import prefloop.rater.ensemble.EnsembleMode;

class RaterMainTest {

  @Test
  void withoutOptionsTheRaterRunsItsDefaults() {
    RaterMain main = new RaterMain();
    new CommandLine(main).parseArgs();

    assertThat(main.config()).isEqualTo(RaterConfig.defaults(main.kafka.bootstrapServers()));
    assertThat(main.config().mode()).isEqualTo(EnsembleMode.PARETO);
  }

  @Test
  void theServiceSettingsHaveOptions() {
    RaterMain main = new RaterMain();
    new CommandLine(main)
        .parseArgs(
            "--rater-id", "mine",
            "--group", "my-raters",
            "--labels-per-minute", "30",
            "--undo-seconds", "2.5",
            "--model-timeout-seconds", "10",
            "--json-ingress", "false");

    RaterConfig config = main.config();

    assertThat(config.raterId()).isEqualTo("mine");
    assertThat(config.groupId()).isEqualTo("my-raters");
    assertThat(config.labelsPerMinute()).isEqualTo(30);
    assertThat(config.undoWindow()).isEqualTo(Duration.ofMillis(2500));
    assertThat(config.modelTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.jsonIngress()).isFalse();
  }
}
