package prefloop.rater.ensemble;

import java.util.Map;

/**
 * An ensemble's view of one pair.
 *
 * @param perModel model name → {score of A, score of B}, in ensemble order
 * @param margin Δ = Σ_m w_m (s_m(A) − s_m(B)) / scale_m (positive favours A)
 * @param dominance +1 when A Pareto-dominates B, −1 when B dominates A, 0 otherwise
 */
public record PairScore(Map<String, double[]> perModel, double margin, int dominance) {}
