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
    SentinelConfig freeze =
        parse(
            "--sentinel", "FREEZE", "--sentinel-lr-factor", "0.25", "--sentinel-beta-factor", "2");
    assertThat(freeze.action()).isEqualTo(SentinelAction.FREEZE);
    assertThat(freeze.learningRateFactor()).isEqualTo(0.25);
    assertThat(freeze.betaFactor()).isEqualTo(2.0);
  }

  @Test
  void everyThresholdOfTheConfigIsAnOption() {
    SentinelConfig config =
        parse(
            "--sentinel-rise-z", "1.5",
            "--sentinel-fall-z", "3",
            "--sentinel-statistic-shift", "2",
            "--sentinel-statistic-z", "5",
            "--sentinel-diversity-floor", "0.7",
            "--sentinel-good-z", "2",
            "--sentinel-cpu-share", "0.2");

    assertThat(config)
        .isEqualTo(
            SentinelConfig.defaults()
                .withTrainingRiseZ(1.5)
                .withHeldOutFallZ(3)
                .withStatisticShift(2)
                .withStatisticZ(5)
                .withDiversityFloor(0.7)
                .withGoodMarginZ(2)
                .withCpuShare(0.2));
  }

  @Test
  void anUnknownActionOrAZeroPatienceIsRefusedSayingWhatIsAllowed() {
    assertThatThrownBy(() -> parse("--sentinel", "thaw"))
        .hasMessageContaining("ROLLBACK, FREEZE, ALERT or OFF");
    assertThatThrownBy(() -> parse("--sentinel-beta-factor", "0.5"))
        .hasMessageContaining("SentinelConfig.betaFactor = 0.5");
    assertThatThrownBy(() -> parse("--sentinel-patience", "0"))
        .hasMessageContaining("SentinelConfig.patience = 0");
  }
}
