package prefloop.rater.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RaterConfigTest {
  private static final RaterConfig DEFAULTS = RaterConfig.defaults("127.0.0.1:9092");

  @Test
  void thePageOpenToTheNetworkWithoutATokenRefusesToStartAndSaysHowToMakeTokens() {
    assertThatThrownBy(() -> DEFAULTS.withBindHost("0.0.0.0"))
        .hasMessageContaining("without a token")
        .hasMessageContaining("prefloop rater tokens add NAME");
    assertThat(DEFAULTS.withToken("shared").withBindHost("0.0.0.0").bindHost())
        .isEqualTo("0.0.0.0");
    assertThat(DEFAULTS.withTokensFile(Path.of("tokens")).withBindHost("0.0.0.0").bindHost())
        .isEqualTo("0.0.0.0");
    for (String loopback : new String[] {"127.0.0.1", "127.0.1.1", "localhost", "::1"}) {
      assertThat(DEFAULTS.withBindHost(loopback).bindHost()).isEqualTo(loopback);
    }
  }
}
