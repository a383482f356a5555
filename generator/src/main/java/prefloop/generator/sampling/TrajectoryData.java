package prefloop.generator.sampling;

import prefloop.diffusion.sampler.TimestepSpacing;

/**
 * The sampled trajectories of the two images of a pair.
 *
 * @param timesteps visited timesteps, noisiest first (S entries)
 * @param previousTimesteps the t_prev of each step as the sampler used it (−1 after the last)
 * @param latents [image][frame][C·H·W]: S+1 frames x_T … x_0 in model space
 * @param logProbs [image][step]: log p(x_{t_prev} | x_t) of each step taken
 * @param clipped whether x̂_0 was clipped to [−1, 1] at each step
 * @param spacing how the visited timesteps were spaced
 * @param channels C
 * @param height H
 * @param width W
 */
public record TrajectoryData(
    int[] timesteps,
    int[] previousTimesteps,
    float[][][] latents,
    float[][] logProbs,
    boolean clipped,
    TimestepSpacing spacing,
    int channels,
    int height,
    int width) {

  /** Frames per image (S + 1). */
  public int frames() {
    return latents[0].length;
  }

  /** Bytes of the latents as float32. */
  public long latentBytes() {
    return 4L * latents.length * frames() * channels * height * width;
  }
}
