package prefloop.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BrokerConfigTest {
  @Test
  void rejectsPortsOutOfRangeNamingTheKey() {
    assertThatThrownBy(() -> BrokerConfig.ephemeral().withPort(70000))
        .hasMessageContaining("broker port")
        .hasMessageContaining("[0, 65535]");
  }

  @Test
  void commandLineOptionsBecomeTheConfig() {
    BrokerCommand command = new BrokerCommand();
    new CommandLine(command)
        .parseArgs("--data-dir", "/tmp/k", "--port", "19092", "--topic-prefix", "dev.");

    assertThat(command.config()).isEqualTo(new BrokerConfig(Path.of("/tmp/k"), 19092, "dev.", 3));
  }

  @Test
  void defaultsAreATemporaryDirAndTheStandardPort() {
    BrokerCommand command = new BrokerCommand();
    new CommandLine(command).parseArgs();
    assertThat(command.config().persistentDir()).isEmpty();
    assertThat(command.config().port()).isEqualTo(9092);
    assertThat(command.config().topicPrefix()).isEqualTo("prefloop.");
  }
}
