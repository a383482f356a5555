package prefloop.learner.service;

/** What the learner does with a preference older than {@code maxStaleness} policy versions. */
public enum StalePolicy {
  /** Consume it without gradient (counted as "stale"). */
  DROP,
  /** Train on it with its weight multiplied by the configured factor. */
  DOWNWEIGHT
}
