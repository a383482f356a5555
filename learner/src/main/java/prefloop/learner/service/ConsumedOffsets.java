package prefloop.learner.service;

import java.time.Clock;
import java.util.Map;

/**
 * Shows the learner's consumed offsets in its consumer group: at each checkpoint, and while it is
 * idle. The lag others read (the generator's backpressure) then falls even when few preferences are
 * trainable: when it fell only at checkpoints, a run of mostly ties deadlocked, the generator
 * waiting for the learner's lag and the learner for enough A/B preferences to reach a checkpoint
 * ({@code IdleOffsetsIT}). Restarts still resume from the checkpoint's offsets, never from these.
 */
final class ConsumedOffsets {

  private static final int IDLE_SECONDS = 2;

  private final PreferenceSource source;
  private final Clock clock;
  private Map<String, Long> shown = Map.of();
  private long shownAt;

  ConsumedOffsets(PreferenceSource source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  /** Commits what a checkpoint saved. */
  void checkpointed(Map<String, Long> offsets) {
    show(offsets);
  }

  /** While idle: commits {@code consumed} if it moved, at most every {@value #IDLE_SECONDS} s. */
  void idle(Map<String, Long> consumed) {
    if (!consumed.equals(shown) && clock.millis() - shownAt >= IDLE_SECONDS * 1000L) {
      show(consumed);
    }
  }

  private void show(Map<String, Long> offsets) {
    source.commit(offsets);
    shown = offsets;
    shownAt = clock.millis();
  }
}
