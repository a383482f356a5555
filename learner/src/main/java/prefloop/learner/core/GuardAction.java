package prefloop.learner.core;

/** What the drift guard does when D(p_ref, p_init) exceeds δ. */
public enum GuardAction {
  /** Skip merges while D &gt; δ (re-estimated every τ steps); merges resume once D ≤ δ. */
  FREEZE,
  /** Copy p_init into the reference. */
  REINIT
}
