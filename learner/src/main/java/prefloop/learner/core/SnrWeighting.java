package prefloop.learner.core;

import prefloop.diffusion.schedule.NoiseSchedule;

/**
 * The paper's β scale λ(t) = 1 + norm(1/√SNR(t)), SNR(t) = ᾱ_t/(1−ᾱ_t), norm the min-max
 * normalisation over t ∈ [0, T): λ ∈ [1, 2], 1 at the cleanest t, 2 at the noisiest (1/√SNR grows
 * with t for every schedule whose ᾱ decreases).
 */
public final class SnrWeighting {

  private final double[] lambda;

  public SnrWeighting(NoiseSchedule schedule) {
    int n = schedule.timesteps();
    double[] inverseRootSnr = new double[n];
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int t = 0; t < n; t++) {
      inverseRootSnr[t] = 1 / Math.sqrt(schedule.snr(t));
      min = Math.min(min, inverseRootSnr[t]);
      max = Math.max(max, inverseRootSnr[t]);
    }
    lambda = new double[n];
    double range = max - min;
    for (int t = 0; t < n; t++) {
      lambda[t] = 1 + (range > 0 ? (inverseRootSnr[t] - min) / range : 0);
    }
  }

  /** λ(t). */
  public double lambda(int t) {
    return lambda[t];
  }
}
