package prefloop.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import prefloop.diffusion.schedule.ScheduleTensors;

/**
 * One DDIM reverse step as differentiable NDArray maths (Song et al. 2021, Eq. 12 and 16), shared
 * by the sampler and by trajectory objectives (D3PO) that need its log-density with gradients on.
 *
 * <pre>
 *   x̂_0  = (x_t − √(1−ᾱ_t)·ε̂) / √ᾱ_t                      (clipped to [−1,1] if asked; ε̂ recomputed)
 *   σ_t  = η · √((1−ᾱ_prev)/(1−ᾱ_t)) · √(1 − ᾱ_t/ᾱ_prev)
 *   mean = √ᾱ_prev · x̂_0 + √(1 − ᾱ_prev − σ_t²) · ε̂
 *   x_prev = mean + σ_t · z,   z ~ N(0, I)
 * </pre>
 *
 * ᾱ_prev for t_prev = −1 is ᾱ_0 (see {@link ScheduleTensors#alphaBarPrev}).
 */
public final class DdimStep {

  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

  private DdimStep() {}

  /**
   * The reverse-step distribution.
   *
   * @param schedule the schedule's tensors
   * @param epsPred ε̂ [N, C, H, W] (after guidance)
   * @param xt x_t [N, C, H, W]
   * @param t [N] int timesteps
   * @param tPrev [N] int previous timesteps (−1 after the last)
   * @param eta η ≥ 0 (0 = deterministic DDIM, 1 = DDPM-like variance)
   * @param clipSample clip x̂_0 to [−1, 1] (then recompute ε̂ from it, as diffusers does)
   */
  public static StepDistribution distribution(
      ScheduleTensors schedule,
      NDArray epsPred,
      NDArray xt,
      NDArray t,
      NDArray tPrev,
      double eta,
      boolean clipSample) {
    NDArray alphaBar = schedule.alphaBar(t);
    NDArray alphaBarPrev = schedule.alphaBarPrev(tPrev);
    NDArray oneMinusAlphaBar = alphaBar.neg().add(1f);
    NDArray eps = epsPred;
    NDArray x0 = xt.sub(eps.mul(oneMinusAlphaBar.sqrt())).div(alphaBar.sqrt());
    if (clipSample) {
      x0 = x0.clip(-1f, 1f);
      eps = xt.sub(x0.mul(alphaBar.sqrt())).div(oneMinusAlphaBar.sqrt());
    }
    NDArray oneMinusPrev = alphaBarPrev.neg().add(1f);
    NDArray variance =
        oneMinusPrev.div(oneMinusAlphaBar).mul(alphaBar.div(alphaBarPrev).neg().add(1f));
    NDArray std = variance.clip(0f, Float.MAX_VALUE).sqrt().mul((float) eta);
    NDArray direction = oneMinusPrev.sub(std.square()).clip(0f, Float.MAX_VALUE).sqrt().mul(eps);
    NDArray mean = x0.mul(alphaBarPrev.sqrt()).add(direction);
    return new StepDistribution(mean, std, x0);
  }

  /**
   * log N(x; mean, std²·I) averaged over every dimension but the first (as DDPO/D3PO compute it):
   *
   * <pre>
   *   mean_d [ −(x_d − μ_d)² / (2σ²) − log σ − ½·log 2π ]
   * </pre>
   *
   * A row whose σ is 0 is a deterministic step (LEADING spacing's last step, t = 0 → ᾱ_prev = ᾱ_0,
   * has zero variance whatever η): no choice was drawn there, and its log-probability is taken as 0
   * rather than divided by zero.
   *
   * @param x [N, ...]
   * @param mean [N, ...]
   * @param std [N, 1, ...] broadcastable, ≥ 0
   * @return [N]
   */
  public static NDArray gaussianLogProb(NDArray x, NDArray mean, NDArray std) {
    long rows = x.getShape().get(0);
    NDArray random = std.gt(0f).toType(DataType.FLOAT32, false);
    // σ = 1 where it is 0: finite arithmetic, then masked out per row (not per element)
    NDArray safeStd = std.add(random.neg().add(1f));
    NDArray logDensity =
        x.sub(mean)
            .square()
            .div(safeStd.square().mul(2f))
            .neg()
            .sub(safeStd.log())
            .sub((float) HALF_LOG_TWO_PI);
    NDArray perRow = logDensity.reshape(rows, -1).mean(new int[] {1});
    return perRow.mul(random.reshape(rows, -1).get(":, 0"));
  }
}
