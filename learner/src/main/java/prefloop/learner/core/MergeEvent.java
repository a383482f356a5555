package prefloop.learner.core;

/**
 * What the reference updater did at a τ boundary.
 *
 * @param step the learner step (steps taken, after this step's optimiser update)
 * @param alpha the merge factor α applied toward the policy (0 when frozen, re-initialised or
 *     recentred)
 * @param lag D(p_θ, p_ref) just before the boundary: how far the policy had moved from the
 *     reference it was trained against (the reference's lag, measured on the same images as drift)
 * @param drift D(·, p_init) of the candidate the guard judged: the merged reference, whether it was
 *     committed or not
 * @param delta the threshold δ
 * @param frozen whether the guard refused this merge (FREEZE)
 * @param reinitialised whether the guard copied p_init into the reference (REINIT)
 * @param recentred whether a reference frozen for {@code recentreAfter} boundaries in a row was
 *     moved by α toward p_init instead (FREEZE's way back)
 */
public record MergeEvent(
    long step,
    double alpha,
    double lag,
    double drift,
    double delta,
    boolean frozen,
    boolean reinitialised,
    boolean recentred) {

  /** Whether the reference's parameters changed at this event. */
  public boolean referenceChanged() {
    return alpha > 0 || reinitialised || recentred;
  }
}
