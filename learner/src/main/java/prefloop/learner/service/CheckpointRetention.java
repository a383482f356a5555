package prefloop.learner.service;

/**
 * Which checkpoints the learner keeps on disk (and in the shared mirror) after each policy
 * checkpoint. Always kept: version 0 of each role (the base), the newest {@code keepLast} of each
 * role, every policy whose version is a multiple of {@code keepEvery} (older points to roll back
 * to), and every reference that a kept policy was trained against (a restart loads it).
 *
 * @param keepLast newest checkpoints kept per role, ≥ 2 (a generator may still be fetching the one
 *     before the newest)
 * @param keepEvery keep every policy version divisible by this as well (0 = none)
 */
public record CheckpointRetention(int keepLast, int keepEvery) {

  public CheckpointRetention {
    if (keepLast < 2) {
      throw new IllegalArgumentException(
          "checkpoint retention keepLast = "
              + keepLast
              + " is invalid: must be >= 2 (a generator may still be fetching the previous"
              + " version)");
    }
    if (keepEvery < 0) {
      throw new IllegalArgumentException(
          "checkpoint retention keepEvery = " + keepEvery + " is invalid: must be >= 0 (0 = none)");
    }
  }

  /** The newest 8, and every 16th policy version. */
  public static CheckpointRetention defaults() {
    return new CheckpointRetention(8, 16);
  }

  /** Nothing is ever deleted. */
  public static CheckpointRetention keepAll() {
    return new CheckpointRetention(Integer.MAX_VALUE, 0);
  }

  /** Whether policy {@code version} is kept as one of every {@code keepEvery}-th. */
  boolean milestone(long version) {
    return version == 0 || (keepEvery > 0 && version % keepEvery == 0);
  }
}
