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
 * and we estimate the per-step, per-dimension mean over n preferred images x_0^i of the batch, t_i
 * ~ U{0..T−1}, ε_i ~ N(0, I), x_t = √ᾱ·x_0 + √(1−ᾱ)·ε:
 *
 * <pre>
 *   D = (1/n) Σ_i ω(t_i) · mean_d (ε_ref − ε_init)²_d
 * </pre>
 *
 * (the trajectory KL is T·D per dimension). Both models run without gradients.
 */
public final class DriftEstimator {

  private final ScheduleTensors tensors;
  private final double[] omega;

  public DriftEstimator(ScheduleTensors tensors) {
    this.tensors = tensors;
    NoiseSchedule schedule = tensors.schedule();
    omega = new double[schedule.timesteps()];
    for (int t = 0; t < omega.length; t++) {
      omega[t] = schedule.beta(t) / (2 * schedule.alpha(t) * (1 - schedule.alphaBar(t)));
    }
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
    try (NDManager scope = x0.getManager().newSubManager()) {
      NDArray images = x0.get("0:" + n);
      NDArray prompts = tokens.get("0:" + n);
      int[] t = new int[n];
      float[] weights = new float[n];
      for (int i = 0; i < n; i++) {
        t[i] = random.nextInt(omega.length);
        weights[i] = (float) omega[t[i]];
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
      return difference.mul(scope.create(weights)).mean().getFloat();
    }
  }
}
