package prefloop.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DashboardCommandTest {

  @Test
  void optionsOverrideTheDefaults() {
    DashboardCommand command = new DashboardCommand();
    new CommandLine(command)
        .parseArgs("--bootstrap-servers", "kafka:9092", "--port", "0", "--grid-steps", "5");

    assertThat(command.kafka.bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(command.port).isZero();
    assertThat(command.gridSteps).isEqualTo(5);
    assertThat(command.driftDelta).isEqualTo(0.005);
    assertThat(command.rewardDir).isEqualTo(Path.of("models/reward"));
  }

  @Test
  void theRewardDirectoryOfTheLearningCurveIsAnOptionAndDefaultsToTheShippedModels() {
    DashboardCommand command = new DashboardCommand();
    new CommandLine(command).parseArgs("--reward-dir", "/opt/prefloop/models/reward");

    assertThat(command.rewardDir).isEqualTo(Path.of("/opt/prefloop/models/reward"));
    DashboardConfig defaults = DashboardConfig.defaults("k:1");
    assertThat(defaults.rewardDir()).isEqualTo(Path.of("models/reward"));
    assertThat(defaults.gridPrompts() * defaults.gridSeeds()).isEqualTo(32);
  }

  @Test
  void configRejectsOutOfRangeValuesNamingTheKey() {
    DashboardConfig ok = DashboardConfig.defaults("k:1");

    assertThatThrownBy(() -> ok.withPort(70_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DashboardConfig.port = 70000")
        .hasMessageContaining("[0, 65535]");
    assertThatThrownBy(() -> ok.withPushInterval(Duration.ofMillis(10)))
        .hasMessageContaining("DashboardConfig.pushInterval");
    assertThat(ok.isHeldOut("fidelity-heldout")).isTrue();
    assertThat(ok.isHeldOut("fidelity")).isFalse();
  }
}
