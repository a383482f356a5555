package prefloop.generator.prompt;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of the prompts topic may be committed. A record is <em>open</em> from the moment
 * its prompt is queued until the pair sampled for it is acknowledged; a record that needs no pair
 * (dead-lettered, invalid, a duplicate) is done at once. The position of a partition that may be
 * committed is its lowest open offset, or one past the highest offset seen when none is open:
 *
 * <pre>  position(p) = min(open(p))  if open(p) ≠ ∅,   else  max(seen(p)) + 1</pre>
 *
 * Prompts are sampled by priority, not in offset order, so pairs close offsets in any order; the
 * position only moves past an offset once everything before it is closed, so a crash re-delivers
 * every prompt whose pair was not yet acknowledged (at-least-once). Thread-safe: offsets open on
 * the consumer thread and close on producer threads.
 */
final class PromptOffsets {

  /** A partition's state; a handle kept after its partition was revoked changes nothing. */
  static final class Partition {
    private final TreeSet<Long> open = new TreeSet<>();
    private long next = -1;
    private long committed = -1;

    private long position() {
      return open.isEmpty() ? next : open.first();
    }
  }

  private final Map<TopicPartition, Partition> partitions = new HashMap<>();

  /** Offset {@code offset} of {@code partition} is queued and waits for its pair. */
  synchronized Partition open(TopicPartition partition, long offset) {
    Partition state = seen(partition, offset);
    state.open.add(offset);
    return state;
  }

  /** Offset {@code offset} of {@code partition} needs no pair (it is done once seen). */
  synchronized Partition done(TopicPartition partition, long offset) {
    return seen(partition, offset);
  }

  /** The pair of {@code offset}, opened through {@code state}, was acknowledged. */
  synchronized void close(Partition state, long offset) {
    state.open.remove(offset);
  }

  /** Positions that moved past the last committed ones; {@link #committed} them once done. */
  synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
    return committable(partitions.keySet());
  }

  /** Records that {@code positions} were committed. */
  synchronized void committed(Map<TopicPartition, OffsetAndMetadata> positions) {
    positions.forEach(
        (partition, position) -> {
          Partition state = partitions.get(partition);
          if (state != null) {
            state.committed = Math.max(state.committed, position.offset());
          }
        });
  }

  /**
   * Stops tracking {@code revoked} and returns their positions still to commit. Prompts of those
   * partitions still queued here may then also be sampled by the partitions' new owner.
   */
  synchronized Map<TopicPartition, OffsetAndMetadata> forget(Collection<TopicPartition> revoked) {
    Map<TopicPartition, OffsetAndMetadata> last = committable(revoked);
    revoked.forEach(partitions::remove);
    return last;
  }

  /** Offsets of {@code which} partitions waiting for their pair. */
  synchronized int openCount(Collection<TopicPartition> which) {
    return which.stream()
        .map(partitions::get)
        .filter(java.util.Objects::nonNull)
        .mapToInt(p -> p.open.size())
        .sum();
  }

  /** Offsets waiting for their pair, over all partitions. */
  synchronized int openCount() {
    return partitions.values().stream().mapToInt(p -> p.open.size()).sum();
  }

  private Partition seen(TopicPartition partition, long offset) {
    Partition state = partitions.computeIfAbsent(partition, p -> new Partition());
    state.next = Math.max(state.next, offset + 1);
    return state;
  }

  private Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> which) {
    Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
    for (TopicPartition partition : which) {
      Partition state = partitions.get(partition);
      if (state != null && state.position() > state.committed) {
        result.put(partition, new OffsetAndMetadata(state.position()));
      }
    }
    return result;
  }
}
