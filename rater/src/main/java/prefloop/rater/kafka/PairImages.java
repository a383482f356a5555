package prefloop.rater.kafka;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import prefloop.rater.ensemble.Ensemble;
import prefloop.schemas.avro.GeneratedImage;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.world.PngCodec;
import prefloop.world.RgbImage;

/**
 * Turns a consumed pair (or group of K images) into the ensemble's input; one we cannot read is
 * rejected here.
 */
final class PairImages {
  /** Largest group rated, as the generator's bound; larger ones are rejected. */
  static final int MAX_GROUP = 16;

  private PairImages() {}

  /**
   * @throws IllegalArgumentException with a reason for the dead-letter topic
   */
  static Ensemble.GroupInput of(GeneratedPair pair) {
    int k = pair.getImages().size();
    if (k < 2 || k > MAX_GROUP) {
      throw new IllegalArgumentException(
          "a pair or group needs 2 to " + MAX_GROUP + " images, got " + k);
    }
    if (k > 2 && pair.getTrajectory() != null) {
      throw new IllegalArgumentException(
          "a group of "
              + k
              + " images cannot carry a trajectory: trajectory objectives take pairs (K = 2)");
    }
    List<RgbImage> images = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      images.add(image(pair.getImages().get(i), name(i)));
    }
    return new Ensemble.GroupInput(pair.getPrompt(), images);
  }

  /** A and B for the first two images, then their index. */
  private static String name(int i) {
    return i < 2 ? String.valueOf((char) ('A' + i)) : "#" + i;
  }

  private static RgbImage image(GeneratedImage image, String which) {
    ByteBuffer png = image.getPng();
    if (png == null) {
      throw new IllegalArgumentException(
          "image "
              + which
              + " has no inline PNG (blob_uri '"
              + image.getBlobUri()
              + "'); this rater reads inline PNGs only");
    }
    byte[] bytes = new byte[png.remaining()];
    png.duplicate().get(bytes);
    try {
      return PngCodec.decode(bytes).image();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "image " + which + " is not a readable PNG: " + e.getMessage(), e);
    }
  }
}
