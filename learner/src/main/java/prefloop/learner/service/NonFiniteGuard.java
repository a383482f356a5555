package prefloop.learner.service;

/**
 * Counts non-finite steps (NaN/Inf loss or gradients, skipped by the trainer); after {@code
 * rollbackAfter} in a row it asks for a rollback to the last good checkpoint.
 */
public final class NonFiniteGuard {
  private final int rollbackAfter;
  private int inARow;
  private long total;

  public NonFiniteGuard(int rollbackAfter) {
    if (rollbackAfter < 1) {
      throw new IllegalArgumentException("rollbackAfter must be >= 1, was " + rollbackAfter);
    }
    this.rollbackAfter = rollbackAfter;
  }

  /** Records one step; true when the learner must roll back now (the count then restarts). */
  public boolean record(boolean nonFinite) {
    if (!nonFinite) {
      inARow = 0;
      return false;
    }
    total++;
    inARow++;
    if (inARow >= rollbackAfter) {
      inARow = 0;
      return true;
    }
    return false;
  }

  public long total() {
    return total;
  }
}
