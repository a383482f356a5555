package prefloop.diffusion.model;

/**
 * The shape of one sample in the model's own space: [channels, height, width].
 *
 * @param channels sample channels (3 for RGB pixels)
 * @param height rows
 * @param width columns
 */
public record SampleGeometry(int channels, int height, int width) {

  public SampleGeometry {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "sample geometry " + channels + "×" + height + "×" + width + ": every side must be >= 1");
    }
  }

  /** The side of a square sample; an error for other shapes. */
  public int size() {
    if (height != width) {
      throw new IllegalStateException(
          "samples are " + height + "×" + width + ", not square: use height() and width()");
    }
    return height;
  }
}
