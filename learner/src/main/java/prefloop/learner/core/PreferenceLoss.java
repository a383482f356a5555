package prefloop.learner.core;

import ai.djl.ndarray.NDArray;
import prefloop.diffusion.model.Scalars;

/**
 * The batch loss from per-pair losses, averaged with per-pair weights w_i ≥ 0; for DPO the
 * log-sigmoid is taken per pair, then averaged (not the other way round):
 *
 * <pre>
 *   loss = Σ_i w_i·(−log σ(m_i)) / P,    −log σ(m) = softplus(−m) = max(−m, 0) + log(1 + e^{−|m|})
 * </pre>
 *
 * (the stable form never exponentiates a positive number). The divisor is the pair count P, not Σ
 * w_i: the weights (timestep-bin weights, staleness down-weights, confidences) already have mean 1
 * over their population, and dividing by the batch's own Σ w_i would cancel them whenever every
 * pair of a batch shares one weight — a batch of stale pairs would train exactly as hard as a fresh
 * one.
 */
public final class PreferenceLoss {

  private PreferenceLoss() {}

  /** −log σ(m) elementwise. */
  public static NDArray negativeLogSigmoid(NDArray margins) {
    NDArray positivePart = margins.neg().maximum(Scalars.like(margins, 0f));
    return positivePart.add(margins.abs().neg().exp().add(1f).log());
  }

  /** Σ_i w_i·(−log σ(m_i)) / P for margins and weights of shape [P]. */
  public static NDArray weightedMean(NDArray margins, NDArray weights) {
    return weightedMeanOfLosses(negativeLogSigmoid(margins), weights);
  }

  /** Σ_i w_i·loss_i / P for per-pair losses and weights of shape [P]. */
  public static NDArray weightedMeanOfLosses(NDArray losses, NDArray weights) {
    long pairs = losses.getShape().size();
    return losses.mul(weights).sum().div(Scalars.like(losses, pairs));
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
