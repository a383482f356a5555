package prefloop.generator.backpressure;

import prefloop.generator.BackpressureConfig;

/**
 * Whether the generator may produce. Two bounds, each off when 0:
 *
 * <ul>
 *   <li><b>backlog</b>: un-rated pairs plus un-trained preferences, i.e. {@code lag(raters, pairs)
 *       + lag(learner, preferences)}; production pauses while {@code backlog ≥ maxBacklog};
 *   <li><b>max_lag</b> (PipelineRL): pairs published since the learner's latest POLICY broadcast;
 *       production pauses once {@code pairsSinceBroadcast ≥ maxLag} and resumes at the next
 *       broadcast.
 * </ul>
 *
 * Pure state, thread-safe; the {@link BacklogProbe} feeds the backlog.
 */
public final class Backpressure {
  private final long maxBacklog;
  private final long maxLag;
  private long backlog;
  private long pairsSinceBroadcast;
  private long lastBroadcastVersion = -1;

  public Backpressure(BackpressureConfig config) {
    this.maxBacklog = config.maxBacklog();
    this.maxLag = config.maxLag();
  }

  /** A snapshot for /status and metrics. */
  public record State(
      boolean paused, String reason, long backlog, long pairsSinceBroadcast, long lastBroadcast) {}

  /** The latest measured backlog. */
  public synchronized void backlog(long value) {
    backlog = Math.max(0, value);
  }

  /** {@code pairs} more pairs were published. */
  public synchronized void published(int pairs) {
    pairsSinceBroadcast += pairs;
  }

  /** The learner broadcast POLICY {@code version}; a newer one restarts the max_lag count. */
  public synchronized void policyBroadcast(long version) {
    if (version > lastBroadcastVersion) {
      lastBroadcastVersion = version;
      pairsSinceBroadcast = 0;
    }
  }

  public synchronized boolean paused() {
    return reason() != null;
  }

  public synchronized State state() {
    String reason = reason();
    return new State(reason != null, reason, backlog, pairsSinceBroadcast, lastBroadcastVersion);
  }

  private String reason() {
    if (maxBacklog > 0 && backlog >= maxBacklog) {
      return "backlog " + backlog + " >= maxBacklog " + maxBacklog;
    }
    if (maxLag > 0 && pairsSinceBroadcast >= maxLag) {
      return pairsSinceBroadcast + " pairs since the learner's last broadcast >= maxLag " + maxLag;
    }
    return null;
  }
}
