package prefloop.app.sentinel;

import java.util.List;
import prefloop.world.RgbImage;

/**
 * Image statistics that reward hacking moves first: blown-out or washed-out colour, blank
 * backgrounds, grid artefacts. Luma is 0.299 R + 0.587 G + 0.114 B.
 *
 * @param colourEntropy Shannon entropy (bits) of the colours quantised to 4 levels per channel
 * @param saturation mean HSV saturation, (max − min) / max per pixel
 * @param edgeDensity fraction of pixels whose luma gradient (forward differences) exceeds 0.1
 * @param darkFraction fraction of pixels with luma below 0.1
 * @param brightFraction fraction of pixels with luma above 0.9
 */
public record ImageStatistics(
    double colourEntropy,
    double saturation,
    double edgeDensity,
    double darkFraction,
    double brightFraction) {

  /** The statistics' names, in {@link #values()} order. */
  public static final List<String> NAMES =
      List.of("colour entropy", "saturation", "edge density", "dark fraction", "bright fraction");

  private static final double EDGE = 0.1;
  private static final double DARK = 0.1;
  private static final double BRIGHT = 0.9;

  public double[] values() {
    return new double[] {colourEntropy, saturation, edgeDensity, darkFraction, brightFraction};
  }

  public static ImageStatistics of(RgbImage image) {
    int width = image.width();
    int height = image.height();
    double[] luma = new double[width * height];
    int[] histogram = new int[64];
    double saturation = 0;
    int dark = 0;
    int bright = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        float r = image.get(0, x, y);
        float g = image.get(1, x, y);
        float b = image.get(2, x, y);
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        saturation += max > 0 ? (max - min) / max : 0;
        double l = 0.299 * r + 0.587 * g + 0.114 * b;
        luma[y * width + x] = l;
        dark += l < DARK ? 1 : 0;
        bright += l > BRIGHT ? 1 : 0;
        histogram[level(r) * 16 + level(g) * 4 + level(b)]++;
      }
    }
    double pixels = width * (double) height;
    return new ImageStatistics(
        entropy(histogram, pixels),
        saturation / pixels,
        edgeDensity(luma, width, height),
        dark / pixels,
        bright / pixels);
  }

  private static int level(float value) {
    return Math.min(3, (int) (value * 4));
  }

  private static double entropy(int[] histogram, double total) {
    double bits = 0;
    for (int count : histogram) {
      if (count > 0) {
        double p = count / total;
        bits -= p * Math.log(p) / Math.log(2);
      }
    }
    return bits;
  }

  private static double edgeDensity(double[] luma, int width, int height) {
    if (width < 2 || height < 2) {
      return 0;
    }
    int edges = 0;
    for (int y = 0; y < height - 1; y++) {
      for (int x = 0; x < width - 1; x++) {
        double here = luma[y * width + x];
        double gx = luma[y * width + x + 1] - here;
        double gy = luma[(y + 1) * width + x] - here;
        edges += Math.hypot(gx, gy) > EDGE ? 1 : 0;
      }
    }
    return edges / ((width - 1) * (double) (height - 1));
  }
}
