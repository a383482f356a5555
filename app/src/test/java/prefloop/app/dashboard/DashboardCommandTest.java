package prefloop.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DashboardCommandTest {

  @Test
  void optionsOverrideTheDefaults() {
    DashboardCommand command = new DashboardCommand();
    new CommandLine(command)
        .parseArgs("--bootstrap-servers", "kafka:9092", "--port", "0", "--grid-steps", "5");

    assertThat(command.bootstrapServers).isEqualTo("kafka:9092");
    assertThat(command.port).isZero();
    assertThat(command.gridSteps).isEqualTo(5);
    assertThat(command.driftDelta).isEqualTo(0.005);
  }

  @Test
  void configRejectsOutOfRangeValuesNamingTheKey() {
    DashboardConfig ok = DashboardConfig.defaults("k:1");

    assertThatThrownBy(() -> ok.withPort(70_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DashboardConfig.port = 70000")
        .hasMessageContaining("[0, 65535]");
    assertThatThrownBy(
            () ->
                new DashboardConfig(
                    "k:1",
                    "p.",
                    "h",
                    0,
                    null,
                    8,
                    4,
                    20,
                    5,
                    Duration.ZERO,
                    100,
                    Duration.ofMillis(10),
                    0.1,
                    null))
        .hasMessageContaining("DashboardConfig.pushInterval");
    assertThat(ok.isHeldOut("fidelity-heldout")).isTrue();
    assertThat(ok.isHeldOut("fidelity")).isFalse();
  }
}
