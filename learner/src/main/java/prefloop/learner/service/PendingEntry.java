package prefloop.learner.service;

import java.util.Optional;
import prefloop.learner.core.PreferenceExample;

/**
 * A consumed preference waiting for a step: either a trainable example or the reason it carries no
 * gradient (tie, skip, bad, stale, invalid, undecodable).
 *
 * @param partitionKey {@code topic-partition} it was read from
 * @param offset its offset there
 * @param example the example to train, or null
 * @param skipReason why it is not trained, or null when it is
 * @param staleness policy versions it lags behind the learner, or -1 when unknown (undecodable)
 */
public record PendingEntry(
    String partitionKey, long offset, PreferenceExample example, String skipReason, int staleness) {

  public PendingEntry {
    if ((example == null) == (skipReason == null)) {
      throw new IllegalArgumentException("exactly one of example and skipReason must be set");
    }
  }

  public static PendingEntry train(RawRecord at, PreferenceExample example, int staleness) {
    return new PendingEntry(at.partitionKey(), at.offset(), example, null, staleness);
  }

  public static PendingEntry skip(RawRecord at, String reason, int staleness) {
    return new PendingEntry(at.partitionKey(), at.offset(), null, reason, staleness);
  }

  public Optional<PreferenceExample> trainable() {
    return Optional.ofNullable(example);
  }
}
