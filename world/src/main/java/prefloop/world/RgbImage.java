package prefloop.world;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * An RGB image with channels in [0,1], stored channel-major (CHW): the value of channel c at row y,
 * column x is {@code data[(c * height + y) * width + x]}. This is the image type every module
 * exchanges. The record owns {@code data} without copying it; {@link #setPixel} mutates it, so use
 * {@link #copy()} before changing an image someone else holds.
 *
 * @param width columns, ≥ 1
 * @param height rows, ≥ 1
 * @param data 3 × height × width values, each finite and in [0,1]
 */
public record RgbImage(int width, int height, float[] data) {
  public static final int CHANNELS = 3;

  public RgbImage {
    if (width < 1 || height < 1 || width > 16384 || height > 16384) {
      throw new IllegalArgumentException(
          "image width and height must be in 1..16384, got " + width + "×" + height);
    }
    if (data == null || data.length != CHANNELS * width * height) {
      throw new IllegalArgumentException(
          "image data must hold 3×"
              + height
              + "×"
              + width
              + " = "
              + CHANNELS * width * height
              + " values (CHW), got "
              + (data == null ? "null" : data.length));
    }
    for (int i = 0; i < data.length; i++) {
      if (!(data[i] >= 0f && data[i] <= 1f)) {
        throw new IllegalArgumentException(
            "image value at index "
                + i
                + " is "
                + data[i]
                + "; values must be in [0,1]"
                + " (clamp model outputs before building an RgbImage)");
      }
    }
  }

  /** A {@code width × height} image filled with one colour. */
  public static RgbImage filled(int width, int height, float[] rgb) {
    float[] data = new float[CHANNELS * width * height];
    int plane = width * height;
    for (int c = 0; c < CHANNELS; c++) {
      Arrays.fill(data, c * plane, (c + 1) * plane, rgb[c]);
    }
    return new RgbImage(width, height, data);
  }

  /** Builds an image from raw CHW values, clamping each into [0,1] (NaN becomes 0). */
  public static RgbImage clamped(int width, int height, float[] chw) {
    float[] data = new float[chw.length];
    for (int i = 0; i < chw.length; i++) {
      float v = chw[i];
      data[i] = v > 1f ? 1f : (v >= 0f ? v : 0f);
    }
    return new RgbImage(width, height, data);
  }

  /** Index into {@link #data()} of channel c, row y, column x. */
  public int index(int c, int y, int x) {
    return (c * height + y) * width + x;
  }

  /** Value of channel {@code c} at (x, y). */
  public float get(int c, int x, int y) {
    return data[index(c, y, x)];
  }

  /** The RGB triple at (x, y). */
  public float[] pixel(int x, int y) {
    return new float[] {get(0, x, y), get(1, x, y), get(2, x, y)};
  }

  /** Sets the RGB triple at (x, y); each value must be in [0,1]. Mutates this image. */
  public void setPixel(int x, int y, float[] rgb) {
    for (int c = 0; c < CHANNELS; c++) {
      if (!(rgb[c] >= 0f && rgb[c] <= 1f)) {
        throw new IllegalArgumentException("pixel value " + rgb[c] + " must be in [0,1]");
      }
      data[index(c, y, x)] = rgb[c];
    }
  }

  /** A deep copy. */
  public RgbImage copy() {
    return new RgbImage(width, height, data.clone());
  }

  /** This image rounded to 8 bits per channel, as a PNG would store it. */
  public RgbImage quantised() {
    float[] q = new float[data.length];
    for (int i = 0; i < data.length; i++) {
      q[i] = Math.round(data[i] * 255f) / 255f;
    }
    return new RgbImage(width, height, q);
  }

  /** An 8-bit {@link BufferedImage#TYPE_INT_RGB} copy. */
  public BufferedImage toBufferedImage() {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r = Math.round(get(0, x, y) * 255f);
        int g = Math.round(get(1, x, y) * 255f);
        int b = Math.round(get(2, x, y) * 255f);
        out.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return out;
  }

  /** Reads any {@link BufferedImage} (alpha ignored) into an RgbImage. */
  public static RgbImage fromBufferedImage(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    float[] data = new float[CHANNELS * w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = image.getRGB(x, y);
        data[y * w + x] = ((rgb >> 16) & 0xff) / 255f;
        data[(h + y) * w + x] = ((rgb >> 8) & 0xff) / 255f;
        data[(2 * h + y) * w + x] = (rgb & 0xff) / 255f;
      }
    }
    return new RgbImage(w, h, data);
  }

  /** Mean absolute difference per value between two images of the same size. */
  public double meanAbsDifference(RgbImage other) {
    if (other.width != width || other.height != height) {
      throw new IllegalArgumentException(
          "sizes differ: " + width + "×" + height + " vs " + other.width + "×" + other.height);
    }
    double sum = 0;
    for (int i = 0; i < data.length; i++) {
      sum += Math.abs(data[i] - other.data[i]);
    }
    return sum / data.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RgbImage other
        && other.width == width
        && other.height == height
        && Arrays.equals(other.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "RgbImage[" + width + "×" + height + "]";
  }
}
