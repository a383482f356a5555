package prefloop.generator.sampling;

import java.util.List;
import prefloop.diffusion.world.RgbImage;
import prefloop.generator.prompt.PromptCandidate;

/**
 * Two images sampled for one prompt.
 *
 * @param prompt the prompt
 * @param seeds the seed of each image (see {@link PairSampler} for what they drive)
 * @param images the two images, [0, 1]
 * @param sharedStart both images started from the same x_T
 * @param trajectory latents and log-probs, or null when not recorded
 */
public record SampledPair(
    PromptCandidate prompt,
    long[] seeds,
    List<RgbImage> images,
    boolean sharedStart,
    TrajectoryData trajectory) {

  public SampledPair {
    images = List.copyOf(images);
    if (seeds.length != 2 || images.size() != 2) {
      throw new IllegalArgumentException("a pair has two seeds and two images");
    }
  }
}
