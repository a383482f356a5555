package prefloop.learner.core;

import ai.djl.ndarray.NDArray;
import prefloop.diffusion.model.Scalars;

/**
 * The pairwise loss from margins: the log-sigmoid is taken per pair, then averaged (not the other
 * way round), with per-pair weights w_i ≥ 0:
 *
 * <pre>
 *   loss = Σ_i w_i·(−log σ(m_i)) / Σ_i w_i,    −log σ(m) = softplus(−m) = max(−m, 0) + log(1 + e^{−|m|})
 * </pre>
 *
 * (the stable form never exponentiates a positive number).
 */
public final class PreferenceLoss {

  private PreferenceLoss() {}

  /** −log σ(m) elementwise. */
  public static NDArray negativeLogSigmoid(NDArray margins) {
    NDArray positivePart = margins.neg().maximum(Scalars.like(margins, 0f));
    return positivePart.add(margins.abs().neg().exp().add(1f).log());
  }

  /** The weighted mean of −log σ(m_i); {@code weights} [P] must not sum to 0. */
  public static NDArray weightedMean(NDArray margins, NDArray weights) {
    return negativeLogSigmoid(margins).mul(weights).sum().div(weights.sum());
  }

  /** implicit_acc = fraction of margins &gt; 0 (ties count as wrong). */
  public static double implicitAccuracy(float[] margins) {
    int wins = 0;
    for (float m : margins) {
      wins += m > 0 ? 1 : 0;
    }
    return (double) wins / margins.length;
  }

  /** −log σ(m) on the host, for logs and tests. */
  public static double negativeLogSigmoid(double m) {
    return Math.max(-m, 0) + Math.log1p(Math.exp(-Math.abs(m)));
  }
}
