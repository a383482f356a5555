package prefloop.world;

import java.util.Set;

/**
 * One pretraining example.
 *
 * @param index position in the corpus stream
 * @param prompt what the image is meant to show
 * @param seed render seed
 * @param image the (possibly degraded) render
 * @param degradations what was done to it; empty for a clean render
 */
public record CorpusSample(
    long index, Prompt prompt, long seed, RgbImage image, Set<Degradation> degradations) {
  public CorpusSample {
    degradations = Set.copyOf(degradations);
  }

  /** Whether the image is a clean render. */
  public boolean clean() {
    return degradations.isEmpty();
  }
}
