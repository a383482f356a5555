package prefloop.generator.sampling;

/**
 * The sampled trajectories of the two images of a pair.
 *
 * @param timesteps visited timesteps, noisiest first (S entries)
 * @param latents [image][frame][C·H·W]: S+1 frames x_T … x_0 in model space [−1, 1]
 * @param logProbs [image][step]: log p(x_{t_prev} | x_t) of each step taken
 * @param channels C
 * @param height H
 * @param width W
 */
public record TrajectoryData(
    int[] timesteps, float[][][] latents, float[][] logProbs, int channels, int height, int width) {

  /** Frames per image (S + 1). */
  public int frames() {
    return latents[0].length;
  }

  /** Bytes of the latents as float32. */
  public long latentBytes() {
    return 4L * latents.length * frames() * channels * height * width;
  }
}
