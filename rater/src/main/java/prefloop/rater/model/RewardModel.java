package prefloop.rater.model;

import java.util.List;
import prefloop.world.RgbImage;

/**
 * Scores images against their prompts; higher is better. Implementations are batched and may be
 * slow (a network, a CNN), so callers run them on worker threads, never on an event loop.
 */
public interface RewardModel extends AutoCloseable {

  /** Stable name, used as the key of this model's scores in {@code Preference.scores}. */
  String name();

  /**
   * One score per (prompt, image) pair, in order.
   *
   * @param prompts prompt texts, same length as {@code images}
   * @param images images to score
   * @throws RewardModelException when the model cannot score this batch (bad prompt, remote down)
   */
  double[] score(List<String> prompts, List<RgbImage> images);

  @Override
  default void close() {}

  /** Fails fast when the two lists do not pair up. */
  static void checkBatch(List<String> prompts, List<RgbImage> images) {
    if (prompts.size() != images.size()) {
      throw new IllegalArgumentException(
          "score() needs one prompt per image, got "
              + prompts.size()
              + " prompts and "
              + images.size()
              + " images");
    }
  }
}
