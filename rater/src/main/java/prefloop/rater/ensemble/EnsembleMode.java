package prefloop.rater.ensemble;

/** How an ensemble turns per-model scores into a preference. */
public enum EnsembleMode {
  /** Normalised weighted sum of score differences, labelled by Bradley–Terry sampling. */
  WEIGHTED_SUM,
  /** A wins only when no weighted model prefers B (and vice versa); otherwise a tie. */
  PARETO
}
