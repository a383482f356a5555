package prefloop.generator.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PromptOffsetsTest {
  private static final TopicPartition P0 = new TopicPartition("prefloop.prompts", 0);
  private static final TopicPartition P1 = new TopicPartition("prefloop.prompts", 1);

  private final PromptOffsets offsets = new PromptOffsets();

  @Test
  void aQueuedPromptHoldsItsOffsetUntilItsPairIsAcknowledged() {
    PromptOffsets.Partition p0 = offsets.open(P0, 0);

    assertCommittableOnP0(0);
    commitAll();
    assertThat(offsets.committable()).isEmpty();

    offsets.close(p0, 0);

    assertCommittableOnP0(1);
  }

  @Test
  void pairsAcknowledgedOutOfOrderCommitOnlyPastTheLowestOpenOffset() {
    PromptOffsets.Partition p0 = open(P0, 10, 11, 12);
    commitAll();

    // Priorities sampled 12 and 11 first: 10 is still open, so nothing moves.
    close(p0, 12, 11);
    assertThat(offsets.committable()).isEmpty();

    offsets.close(p0, 10);
    assertCommittableOnP0(13);
  }

  @Test
  void recordsThatNeedNoPairMoveThePositionOnlyWhenNothingBeforeThemIsOpen() {
    PromptOffsets.Partition p0 = offsets.open(P0, 0);
    offsets.done(P0, 1);
    offsets.done(P1, 4);

    assertThat(offsets.committable())
        .containsOnly(
            Map.entry(P0, new OffsetAndMetadata(0)), Map.entry(P1, new OffsetAndMetadata(5)));
    commitAll();
    offsets.close(p0, 0);
    assertCommittableOnP0(2);
    assertThat(offsets.openCount()).isZero();
  }

  @Test
  void aRevokedPartitionIsCommittedOnceAndThenIgnored() {
    PromptOffsets.Partition p0 = open(P0, 0, 1);
    offsets.close(p0, 0);

    Map<TopicPartition, OffsetAndMetadata> last = offsets.forget(List.of(P0));
    offsets.close(p0, 1);

    assertThat(last).containsExactly(Map.entry(P0, new OffsetAndMetadata(1)));
    assertThat(offsets.committable()).isEmpty();
    assertThat(offsets.openCount()).isZero();
  }

  @Test
  void aFailedCommitIsOfferedAgain() {
    offsets.done(P0, 3);

    Map<TopicPartition, OffsetAndMetadata> first = offsets.committable();

    assertThat(offsets.committable()).isEqualTo(first);
    offsets.committed(first);
    assertThat(offsets.committable()).isEmpty();
  }

  /** Opens the records at {@code recordOffsets} of {@code partition}, in that order. */
  private PromptOffsets.Partition open(TopicPartition partition, long... recordOffsets) {
    PromptOffsets.Partition opened = null;
    for (long offset : recordOffsets) {
      opened = offsets.open(partition, offset);
    }
    return opened;
  }

  private void close(PromptOffsets.Partition partition, long... recordOffsets) {
    for (long offset : recordOffsets) {
      offsets.close(partition, offset);
    }
  }

  /** Asserts that P0, and only P0, may be committed up to {@code next}. */
  private void assertCommittableOnP0(long next) {
    assertThat(offsets.committable()).containsExactly(Map.entry(P0, new OffsetAndMetadata(next)));
  }

  private void commitAll() {
    offsets.committed(offsets.committable());
  }
}
