package prefloop.learner.core;

/**
 * What the reference updater did at a τ boundary.
 *
 * @param step the learner step (steps taken, after this step's optimiser update)
 * @param alpha the merge factor α actually applied (0 when frozen or re-initialised)
 * @param drift D(p_ref, p_init) estimated before the merge
 * @param delta the threshold δ
 * @param frozen whether the guard skipped this merge (FREEZE)
 * @param reinitialised whether the guard copied p_init into the reference (REINIT)
 */
public record MergeEvent(
    long step, double alpha, double drift, double delta, boolean frozen, boolean reinitialised) {

  /** Whether the reference's parameters changed at this event. */
  public boolean referenceChanged() {
    return alpha > 0 || reinitialised;
  }
}
