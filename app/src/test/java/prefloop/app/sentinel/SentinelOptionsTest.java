package prefloop.app.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class SentinelOptionsTest {

  @Command(name = "any")
  static final class AnyCommand {
    @Mixin SentinelOptions sentinel = new SentinelOptions();
  }

  private static SentinelConfig parse(String... args) {
    AnyCommand command = new AnyCommand();
    new CommandLine(command).parseArgs(args);
    return command.sentinel.config();
  }

  @Test
  void theDefaultRollsBackAfterTwoFlaggedVersionsAndOffTurnsItOff() {
    assertThat(parse()).isEqualTo(SentinelConfig.defaults());
    assertThat(parse("--sentinel", "off").enabled()).isFalse();
    SentinelConfig alert = parse("--sentinel", "alert", "--sentinel-patience", "3");
    assertThat(alert.action()).isEqualTo(SentinelAction.ALERT);
    assertThat(alert.patience()).isEqualTo(3);
  }

  @Test
  void anUnknownActionOrAZeroPatienceIsRefusedSayingWhatIsAllowed() {
    assertThatThrownBy(() -> parse("--sentinel", "freeze"))
        .hasMessageContaining("ROLLBACK, ALERT or OFF");
    assertThatThrownBy(() -> parse("--sentinel-patience", "0"))
        .hasMessageContaining("SentinelConfig.patience = 0");
  }
}
