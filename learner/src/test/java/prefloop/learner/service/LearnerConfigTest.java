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
    LearnerConfig config = valid().replayCapacity(16).replayFraction(0.25).build();

    assertThat(config.replayPerStep()).isEqualTo(2);
    assertThat(config.offline()).isFalse();
    assertThat(Learner.json(config)).contains("\"batchSize\":8", "\"stalePolicy\":\"DROP\"");
  }

  @Test
  void invalidValuesNameTheKeyAndTheAllowedRange() {
    assertThatThrownBy(() -> valid().batchSize(0).build())
        .hasMessageContaining("LearnerConfig.batchSize = 0")
        .hasMessageContaining("[1, 4096]");
    assertThatThrownBy(() -> valid().replayCapacity(0).replayFraction(0.5).build())
        .hasMessageContaining("replayCapacity");
    assertThatThrownBy(() -> valid().input(PreferenceInput.FILE).inputFile(null).build())
        .hasMessageContaining("inputFile");
    assertThatThrownBy(
            () ->
                valid().maxStaleness(1).stalePolicy(StalePolicy.DOWNWEIGHT).staleWeight(0).build())
        .hasMessageContaining("staleWeight");
    assertThatThrownBy(
            () ->
                valid()
                    .maxStaleness(1_000_000)
                    .stalePolicy(StalePolicy.DROP)
                    .staleWeight(1)
                    .build())
        .hasMessageContaining("LearnerConfig.maxStaleness = 1000000")
        .hasMessageContaining("[0, 1000]");
  }
}
