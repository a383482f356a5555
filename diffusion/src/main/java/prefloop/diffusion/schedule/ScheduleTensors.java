package prefloop.diffusion.schedule;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * A {@link NoiseSchedule}'s coefficients as float tensors [T] in one NDManager, created once and
 * read per step by gathers on the device ({@code take}); the schedule is never copied device→host.
 * Gathered values land in the NDManager of the index tensor, so per-step results die with the
 * step's sub-manager. Close it (or its manager) when done.
 */
public final class ScheduleTensors implements AutoCloseable {

  private final NoiseSchedule schedule;
  private final NDManager manager;
  private final NDArray sqrtAlphaBar;
  private final NDArray sqrtOneMinusAlphaBar;
  private final NDArray alphaBarWithFinal;

  /** Uploads {@code schedule}'s tables into a new sub-manager of {@code parent}. */
  public ScheduleTensors(NoiseSchedule schedule, NDManager parent) {
    this.schedule = schedule;
    this.manager = parent.newSubManager();
    int n = schedule.timesteps();
    float[] sqrtAb = new float[n];
    float[] sqrtOneMinus = new float[n];
    float[] abWithFinal = new float[n + 1];
    abWithFinal[0] = (float) schedule.alphaBar(0);
    for (int t = 0; t < n; t++) {
      sqrtAb[t] = (float) schedule.sqrtAlphaBar(t);
      sqrtOneMinus[t] = (float) schedule.sqrtOneMinusAlphaBar(t);
      abWithFinal[t + 1] = (float) schedule.alphaBar(t);
    }
    this.sqrtAlphaBar = manager.create(sqrtAb);
    this.sqrtOneMinusAlphaBar = manager.create(sqrtOneMinus);
    this.alphaBarWithFinal = manager.create(abWithFinal);
  }

  public NoiseSchedule schedule() {
    return schedule;
  }

  /**
   * The forward process q(x_t | x_0): x_t = √ᾱ_t·x_0 + √(1−ᾱ_t)·ε.
   *
   * @param x0 clean images [N, C, H, W] in [-1, 1]
   * @param noise ε [N, C, H, W]
   * @param t timesteps [N] (int)
   */
  public NDArray addNoise(NDArray x0, NDArray noise, NDArray t) {
    return x0.mul(perSample(sqrtAlphaBar, t)).add(noise.mul(perSample(sqrtOneMinusAlphaBar, t)));
  }

  /** The velocity target v = √ᾱ_t·ε − √(1−ᾱ_t)·x_0 (Salimans &amp; Ho 2022). */
  public NDArray velocity(NDArray x0, NDArray noise, NDArray t) {
    return noise.mul(perSample(sqrtAlphaBar, t)).sub(x0.mul(perSample(sqrtOneMinusAlphaBar, t)));
  }

  /** ᾱ_t per sample, shaped [N, 1, 1, 1]. */
  public NDArray alphaBar(NDArray t) {
    return perSample(alphaBarWithFinal, t.add(1));
  }

  /**
   * ᾱ_{t_prev} per sample, shaped [N, 1, 1, 1]; t_prev = −1 means "after the last step" and gives
   * ᾱ_0 (diffusers' {@code set_alpha_to_one = false}, which keeps the last DDIM step stochastic).
   */
  public NDArray alphaBarPrev(NDArray tPrev) {
    return perSample(alphaBarWithFinal, tPrev.add(1));
  }

  private static NDArray perSample(NDArray table, NDArray t) {
    NDArray index = t.toType(DataType.INT64, false);
    return table.take(t.getManager(), index).reshape(-1, 1, 1, 1);
  }

  @Override
  public void close() {
    manager.close();
  }
}
