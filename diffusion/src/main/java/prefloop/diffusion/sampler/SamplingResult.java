package prefloop.diffusion.sampler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import prefloop.world.RgbImage;

/**
 * What a sampler produced.
 *
 * @param images one per request entry, [0, 1]
 * @param timesteps the visited timesteps t_0 &gt; t_1 &gt; … (S entries)
 * @param previousTimesteps t_prev for each visited step (−1 after the last)
 * @param trajectories per image S+1 frames x_T, x_{t_1}, …, x_0 in model space [−1, 1], each CHW
 *     flattened; null unless asked for
 * @param logProbs per image S entries: log p(x_{t_prev} | x_t) of the step taken, averaged over
 *     dimensions; null when η = 0 (the step is deterministic) or for samplers without them
 */
public record SamplingResult(
    List<RgbImage> images,
    int[] timesteps,
    int[] previousTimesteps,
    float[][][] trajectories,
    float[][] logProbs) {

  /** The results of consecutive slices of one request, as if sampled together. */
  public static SamplingResult concat(List<SamplingResult> parts) {
    SamplingResult first = parts.get(0);
    List<RgbImage> images = new ArrayList<>();
    parts.forEach(p -> images.addAll(p.images()));
    return new SamplingResult(
        images,
        first.timesteps(),
        first.previousTimesteps(),
        first.trajectories() == null
            ? null
            : parts.stream()
                .flatMap(p -> Arrays.stream(p.trajectories()))
                .toArray(float[][][]::new),
        first.logProbs() == null
            ? null
            : parts.stream().flatMap(p -> Arrays.stream(p.logProbs())).toArray(float[][]::new));
  }
}
