package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import prefloop.learner.core.TrainerConfig;

class LearnerConfigTest {
  private static LearnerConfigBuilder valid() {
    return LearnerConfig.builder(TrainerConfig.defaults()).baseCheckpoint(Path.of("base"));
  }

  @Test
  void defaultsAreValidAndSerialiseToJsonForTheManifest() {
    LearnerConfig config = valid().replay(16, 0.25).build();

    assertThat(config.replayPerStep()).isEqualTo(2);
    assertThat(config.offline()).isFalse();
    assertThat(Learner.json(config)).contains("\"batchSize\":8", "\"stalePolicy\":\"DROP\"");
  }

  @Test
  void invalidValuesNameTheKeyAndTheAllowedRange() {
    assertThatThrownBy(() -> valid().batchSize(0).build())
        .hasMessageContaining("LearnerConfig.batchSize = 0")
        .hasMessageContaining("[1, 4096]");
    assertThatThrownBy(() -> valid().replay(0, 0.5).build()).hasMessageContaining("replayCapacity");
    assertThatThrownBy(() -> valid().input(PreferenceInput.FILE, null).build())
        .hasMessageContaining("inputFile");
    assertThatThrownBy(() -> valid().staleness(1, StalePolicy.DOWNWEIGHT, 0).build())
        .hasMessageContaining("staleWeight");
    assertThatThrownBy(() -> valid().staleness(1_000_000, StalePolicy.DROP, 1).build())
        .hasMessageContaining("LearnerConfig.maxStaleness = 1000000")
        .hasMessageContaining("[0, 1000]");
  }
}
