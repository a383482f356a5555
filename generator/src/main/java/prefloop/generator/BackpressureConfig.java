package prefloop.generator;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Duration;

/**
 * When the generator stops producing. It pauses while either bound is exceeded and resumes on its
 * own when the backlog drains or a new policy is broadcast.
 *
 * @param maxBacklog pause while (lag of {@code raterGroup} on pairs) + (lag of {@code learnerGroup}
 *     on preferences) ≥ this, in [0, 10^9]; 0 = no bound
 * @param maxLag pause once this many pairs were published since the learner's latest POLICY
 *     broadcast (PipelineRL's max_lag), in [0, 10^9]; 0 = no bound
 * @param raterGroup consumer group of the raters on the pairs topic
 * @param learnerGroup consumer group of the learner on the preferences topic
 * @param pollInterval how often consumer lags are read, in [50 ms, 60 s]
 */
@RecordBuilder
public record BackpressureConfig(
    long maxBacklog, long maxLag, String raterGroup, String learnerGroup, Duration pollInterval)
    implements BackpressureConfigBuilder.With {

  public BackpressureConfig {
    Checks.range("backpressure.maxBacklog", maxBacklog, 0, 1_000_000_000L);
    Checks.range("backpressure.maxLag", maxLag, 0, 1_000_000_000L);
    Checks.nonBlank("backpressure.raterGroup", raterGroup);
    Checks.nonBlank("backpressure.learnerGroup", learnerGroup);
    if (pollInterval == null) {
      throw new IllegalArgumentException("backpressure.pollInterval must be set");
    }
    Checks.range("backpressure.pollInterval (ms)", pollInterval.toMillis(), 50, 60_000);
  }

  /** Backlog bound 64, no max_lag, groups prefloop-rater / prefloop-learner, polled every 1 s. */
  public static BackpressureConfig defaults() {
    return new BackpressureConfig(
        64, 0, "prefloop-rater", "prefloop-learner", Duration.ofSeconds(1));
  }
}
