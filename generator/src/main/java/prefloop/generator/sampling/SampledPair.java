package prefloop.generator.sampling;

import java.util.List;
import prefloop.generator.prompt.PromptCandidate;
import prefloop.world.RgbImage;

/**
 * The K ≥ 2 images sampled for one prompt: a pair (K = 2) or a group.
 *
 * @param prompt the prompt
 * @param seeds the seed of each image (see {@link PairSampler} for what they drive)
 * @param images the K images, [0, 1], in seed order
 * @param sharedStart all images started from the same x_T
 * @param trajectory latents and log-probs, or null when not recorded (pairs only)
 */
public record SampledPair(
    PromptCandidate prompt,
    long[] seeds,
    List<RgbImage> images,
    boolean sharedStart,
    TrajectoryData trajectory) {

  public SampledPair {
    images = List.copyOf(images);
    if (images.size() < 2 || seeds.length != images.size()) {
      throw new IllegalArgumentException(
          "a pair or group has K >= 2 images and one seed per image, got "
              + images.size()
              + " images and "
              + seeds.length
              + " seeds");
    }
    if (trajectory != null && images.size() != 2) {
      throw new IllegalArgumentException("trajectories are recorded for pairs only");
    }
  }

  /** K, the number of images. */
  public int size() {
    return images.size();
  }
}
