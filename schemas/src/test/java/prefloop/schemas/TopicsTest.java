package prefloop.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicsTest {
  @Test
  void namesCarryThePrefix() {
    Topics topics = Topics.withPrefix("x.");
    assertThat(topics.all())
        .extracting(Topic::name)
        .containsExactly(
            "x.prompts",
            "x.pairs",
            "x.preferences",
            "x.preferences-json",
            "x.model-updates",
            "x.metrics",
            "x.dead-letter");
    assertThat(Topics.defaults().pairs().name()).isEqualTo("prefloop.pairs");
  }

  @Test
  void modelUpdatesAreCompactedAndOthersDeleted() {
    Topics topics = Topics.defaults();
    assertThat(topics.modelUpdates().cleanupPolicy()).isEqualTo(CleanupPolicy.COMPACT);
    assertThat(topics.modelUpdates().configs()).containsEntry("cleanup.policy", "compact");
    assertThat(topics.modelUpdates().newTopic((short) 1).configs())
        .containsEntry("cleanup.policy", "compact");
    assertThat(List.of(topics.prompts(), topics.pairs(), topics.preferences(), topics.metrics()))
        .allSatisfy(t -> assertThat(t.cleanupPolicy()).isEqualTo(CleanupPolicy.DELETE));
  }

  @Test
  void eventLogsAreBoundedByTimeAndSizeAndCompactedTopicsAreNot() {
    Topics topics = Topics.defaults();
    assertThat(topics.pairs().newTopic((short) 1).configs())
        .containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.ms", "86400000")
        .containsEntry("retention.bytes", Long.toString(128L << 20))
        .containsEntry("segment.bytes", Integer.toString(32 << 20));
    assertThat(topics.modelUpdates().configs()).doesNotContainKey("retention.bytes");
    assertThat(topics.pairs().maxBytes()).isEqualTo(topics.pairs().partitions() * (160L << 20));
    long bound = topics.all().stream().mapToLong(Topic::maxBytes).filter(b -> b > 0).sum();
    assertThat(bound).as("all event logs together, default partitions").isLessThan(3L << 30);
  }

  @Test
  void serdesRoundTripThroughTheTopic() {
    Topics topics = Topics.defaults();
    var pair = SampleMessages.generatedPair(2);
    byte[] bytes = topics.pairs().valueBytes(pair);
    assertThat(topics.pairs().valueSerde().deserializer().deserialize("t", bytes)).isEqualTo(pair);
    assertThat(topics.preferencesJson().avroSchema()).isEmpty();
    assertThat(topics.byName("prefloop.metrics")).contains(topics.metrics());
  }

  @Test
  void illegalPrefixesAndPartitionCountsAreRejected() {
    assertThatThrownBy(() -> Topics.withPrefix("bad prefix/")).hasMessageContaining("topic prefix");
    assertThatThrownBy(() -> new Topics("p.", 0, Topics.defaults().catalog()))
        .hasMessageContaining("partitions");
  }
}
