package prefloop.learner.service;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where the learner reads raw preference records: a topic (online or replayed) or a recorded log.
 * Used from the learner thread only.
 */
public interface PreferenceSource extends AutoCloseable {

  /**
   * Positions the source at {@code offsets} ({@code topic-partition} → next offset); partitions not
   * in the map start at their beginning.
   */
  void seek(Map<String, Long> offsets);

  /** The next records, waiting at most {@code timeout}; empty when none came. */
  List<RawRecord> poll(Duration timeout);

  /** Whether an offline source has delivered everything it will (never true online). */
  boolean exhausted();

  /** Records known to exist beyond the position (−1 when unknown). */
  long lag();

  /**
   * Shows the offsets consumed through where others can see them (best effort): at checkpoints, and
   * while idle. Restarts resume from a checkpoint's offsets, never from these.
   */
  void commit(Map<String, Long> offsets);

  @Override
  void close();
}
