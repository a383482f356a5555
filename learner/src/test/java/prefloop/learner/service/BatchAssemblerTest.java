package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import prefloop.broker.TestMessages;
import prefloop.learner.core.PreferenceExample;

class BatchAssemblerTest {
  private static final String P0 = "t-0";
  private static final String P1 = "t-1";

  private static PendingEntry train(int partition, long offset) {
    RawRecord at = new RawRecord("t", partition, offset, null, null);
    PreferenceExample example =
        PreferenceExample.of(
            "pair-" + partition + "-" + offset,
            TestMessages.PROMPT,
            TestMessages.randomImage(4, offset),
            TestMessages.randomImage(4, offset + 1),
            0);
    return PendingEntry.train(at, example, 0);
  }

  private static PendingEntry skip(int partition, long offset, String reason) {
    return PendingEntry.skip(new RawRecord("t", partition, offset, null, null), reason, 1);
  }

  @Test
  void waitsForAFullBatchUnlessFlushed() {
    BatchAssembler assembler = new BatchAssembler(2);
    assembler.add(train(0, 0));

    assertThat(assembler.take(2, false)).isEmpty();
    assertThat(assembler.take(2, true)).get().satisfies(b -> assertThat(b.fresh()).hasSize(1));
  }

  @Test
  void offsetsCoverExactlyTheEntriesTakenAndAbsorbTrailingUntrainables() {
    BatchAssembler assembler = new BatchAssembler(2);
    assembler.add(train(0, 10));
    assembler.add(skip(1, 5, "tie"));
    assembler.add(train(1, 6));
    assembler.add(skip(0, 11, "undecodable"));
    assembler.add(train(0, 12));

    StepBatch batch = assembler.take(2, false).orElseThrow();

    assertThat(batch.fresh())
        .extracting(PreferenceExample::pairId)
        .containsExactly("pair-0-10", "pair-1-6");
    assertThat(batch.offsetsThrough()).isEqualTo(Map.of(P0, 12L, P1, 7L));
    assertThat(batch.skipped()).isEqualTo(Map.of("tie", 1L, "undecodable", 1L));
    assertThat(batch.staleness().buckets()).containsExactly(2L, 2L, 0L, 0L);
    assertThat(assembler.size()).isEqualTo(1);
    assertThat(assembler.trainable()).isEqualTo(1);
  }

  @Test
  void aBatchOfOnlyUntrainablesAdvancesOffsetsWhenFlushed() {
    BatchAssembler assembler = new BatchAssembler(0);
    assembler.add(skip(0, 3, "bad"));

    StepBatch batch = assembler.take(4, true).orElseThrow();

    assertThat(batch.fresh()).isEmpty();
    assertThat(batch.offsetsThrough()).containsEntry(P0, 4L);
  }
}
