package prefloop.learner.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import prefloop.learner.core.PreferenceExample;

/**
 * The FIFO of consumed preferences not yet part of a step. A batch is the shortest prefix holding
 * {@code batchSize} trainable entries, plus the untrainable entries right behind it; the offsets it
 * reports are those of its last entry per partition, plus one.
 *
 * <p>Why this gives exactly-once: every partition is read in offset order and entries leave in
 * arrival order, so after a step the offsets reported cover exactly the entries of this and all
 * earlier batches. A checkpoint that saves the weights together with these offsets therefore
 * contains every record below the offsets once, and none above them.
 */
public final class BatchAssembler {
  private final int maxStaleness;
  private final Deque<PendingEntry> pending = new ArrayDeque<>();
  private int trainable;

  public BatchAssembler(int maxStaleness) {
    this.maxStaleness = maxStaleness;
  }

  public void add(PendingEntry entry) {
    pending.addLast(entry);
    if (entry.example() != null) {
      trainable++;
    }
  }

  /** Trainable entries waiting. */
  public int trainable() {
    return trainable;
  }

  /** Entries waiting, trainable or not. */
  public int size() {
    return pending.size();
  }

  /**
   * The untrainable entries at the head of the queue (ties, skips, stale pairs) as a batch with no
   * pair to train, or empty when the head is trainable or nothing waits. An idle learner takes them
   * so its offsets move past them: a stream of nothing but ties would otherwise never show as
   * consumed, and the generator's backpressure would wait on it for ever.
   */
  public Optional<StepBatch> takeUntrainableHead() {
    if (pending.isEmpty() || pending.peekFirst().example() != null) {
      return Optional.empty();
    }
    return Optional.of(drain(0));
  }

  /**
   * The next batch of {@code batchSize} trainable entries, or empty if fewer are waiting; with
   * {@code flush} (end of an offline input) whatever is waiting, if anything.
   */
  public Optional<StepBatch> take(int batchSize, boolean flush) {
    if (pending.isEmpty() || (trainable < batchSize && !flush)) {
      return Optional.empty();
    }
    return Optional.of(drain(batchSize));
  }

  /** Removes the shortest prefix holding {@code batchSize} trainable entries (or all there is). */
  private StepBatch drain(int batchSize) {
    List<PreferenceExample> fresh = new ArrayList<>();
    Map<String, Long> offsets = new HashMap<>();
    Map<String, Long> skipped = new TreeMap<>();
    StalenessHistogram staleness = new StalenessHistogram(maxStaleness);
    while (!pending.isEmpty()) {
      PendingEntry head = pending.peekFirst();
      if (head.example() != null && fresh.size() == batchSize) {
        break;
      }
      pending.removeFirst();
      offsets.merge(head.partitionKey(), head.offset() + 1, Math::max);
      if (head.staleness() >= 0) {
        staleness.add(head.staleness());
      }
      if (head.example() != null) {
        fresh.add(head.example());
        trainable--;
      } else {
        skipped.merge(head.skipReason(), 1L, Long::sum);
      }
    }
    return new StepBatch(fresh, offsets, skipped, staleness);
  }

  /** Forgets everything waiting (rollback: the input is re-read from the checkpoint's offsets). */
  public void clear() {
    pending.clear();
    trainable = 0;
  }
}
