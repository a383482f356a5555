package prefloop.learner.core;

/**
 * The drift guard's memory between τ boundaries, saved with each policy checkpoint.
 *
 * @param frozenInARow τ boundaries frozen in a row (0 when the last merge went through)
 */
public record GuardState(int frozenInARow) {

  /** A guard that has not frozen. */
  public static GuardState initial() {
    return new GuardState(0);
  }
}
