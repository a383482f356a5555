package prefloop.rater.kafka;

import java.nio.ByteBuffer;
import prefloop.diffusion.world.PngCodec;
import prefloop.diffusion.world.RgbImage;
import prefloop.rater.ensemble.Ensemble;
import prefloop.schemas.avro.GeneratedImage;
import prefloop.schemas.avro.GeneratedPair;

/** Turns a consumed pair into the ensemble's input; a pair we cannot read is rejected here. */
final class PairImages {
  private PairImages() {}

  /**
   * @throws IllegalArgumentException with a reason for the dead-letter topic
   */
  static Ensemble.PairInput of(GeneratedPair pair) {
    if (pair.getImages().size() != 2) {
      throw new IllegalArgumentException(
          "a pair needs exactly 2 images, got " + pair.getImages().size());
    }
    return new Ensemble.PairInput(
        pair.getPrompt(), image(pair.getImages().get(0), "A"), image(pair.getImages().get(1), "B"));
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
