package prefloop.learner.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import prefloop.diffusion.schedule.NoiseSchedule;
import prefloop.diffusion.schedule.ScheduleTensors;

/**
 * D(p_ref, p_init), the paper's Eq. 8 for Gaussian reverse steps. Two DDPM reverse steps with the
 * same variance σ_t² = β_t differ only in their means, μ_m = (x_t − β_t/√(1−ᾱ_t)·ε_m)/√α_t, so
 *
 * <pre>
 *   KL_t = ‖μ_ref − μ_init‖² / (2σ_t²) = ω(t)·‖ε_ref(x_t,t,c) − ε_init(x_t,t,c)‖²,
 *   ω(t) = β_t / (2·α_t·(1−ᾱ_t))
 * </pre>
 *
 * and we estimate the per-step, per-dimension mean over n preferred images x_0^i of the batch, t ~
 * U{0..T−1}, ε ~ N(0, I), x_t = √ᾱ·x_0 + √(1−ᾱ)·ε:
 *
 * <pre>
 *   D = E_t[ ω(t) · mean_d (ε_ref − ε_init)²_d ]
 * </pre>
 *
 * (the trajectory KL is T·D per dimension). ω(t) is 50× larger at t ≈ 0 than at t ≈ T, so a uniform
 * draw of one t per image made D swing by two orders of magnitude between merges and the guard trip
 * on noise. Instead each image gets {@value #DRAWS_PER_IMAGE} timesteps drawn from q(t) ∝ ω(t),
 * stratified in the inverse CDF, and D = (Σ_t ω(t)/T)·mean(mse): the same expectation with the
 * weight's variance removed. Both models run without gradients.
 */
public final class DriftEstimator {

  /** Timesteps drawn per image. */
  static final int DRAWS_PER_IMAGE = 8;

  private final ScheduleTensors tensors;
  private final double[] omega;
  private final double[] cumulative;
  private final double meanOmega;

  public DriftEstimator(ScheduleTensors tensors) {
    this.tensors = tensors;
    NoiseSchedule schedule = tensors.schedule();
    omega = new double[schedule.timesteps()];
    for (int t = 0; t < omega.length; t++) {
      omega[t] = schedule.beta(t) / (2 * schedule.alpha(t) * (1 - schedule.alphaBar(t)));
    }
    cumulative = new double[omega.length];
    double sum = 0;
    for (int t = 0; t < omega.length; t++) {
      sum += omega[t];
      cumulative[t] = sum;
    }
    meanOmega = sum / omega.length;
  }

  /** ω(t). */
  public double omega(int t) {
    return omega[t];
  }

  /**
   * D on the first {@code subset} images of {@code x0} [N, C, H, W] (model space) with tokens [N,
   * L]; the host stream {@code random} draws t and ε.
   */
  public double estimate(
      NoisePredictor reference,
      NoisePredictor init,
      NDArray x0,
      NDArray tokens,
      int subset,
      SplittableRandom random) {
    int n = (int) Math.min(subset, x0.getShape().get(0));
    int draws = n * DRAWS_PER_IMAGE;
    try (NDManager scope = x0.getManager().newSubManager()) {
      NDArray images = repeatEach(x0.get("0:" + n), DRAWS_PER_IMAGE);
      NDArray prompts = repeatEach(tokens.get("0:" + n), DRAWS_PER_IMAGE);
      int[] t = new int[draws];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < DRAWS_PER_IMAGE; j++) {
          double u = (j + random.nextDouble()) / DRAWS_PER_IMAGE;
          t[i * DRAWS_PER_IMAGE + j] = timestepAt(u);
        }
      }
      float[] noise = new float[Math.toIntExact(images.size())];
      for (int i = 0; i < noise.length; i++) {
        noise[i] = (float) random.nextGaussian();
      }
      NDArray tt = scope.create(t);
      NDArray eps = scope.create(noise, images.getShape());
      NDArray xt = tensors.addNoise(images, eps, tt);
      NDArray difference =
          DiffusionDpoObjective.perSampleMse(
              reference.predict(xt, tt, prompts).stopGradient(),
              init.predict(xt, tt, prompts).stopGradient());
      return meanOmega * difference.mean().getFloat();
    }
  }

  /** The t with q(t) ∝ ω(t) at quantile {@code u} ∈ [0, 1). */
  int timestepAt(double u) {
    double target = u * cumulative[cumulative.length - 1];
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cumulative[mid] <= target) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** Each row of {@code x} {@code times} times in a row: [a, b] → [a, a, …, b, b, …]. */
  private static NDArray repeatEach(NDArray x, int times) {
    return x.repeat(0, times);
  }
}
