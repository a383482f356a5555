package prefloop.rater.aesthetic;

import java.util.Arrays;
import prefloop.world.RgbImage;

/** Small image statistics the analytic aesthetic scorers are built from. Pure functions. */
public final class ImageStats {
  private ImageStats() {}

  /** Rec. 601 luma {@code Y = 0.299 R + 0.587 G + 0.114 B}, row-major (H, W). */
  public static double[] luma(RgbImage image) {
    int n = image.width() * image.height();
    float[] d = image.data();
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 0.299 * d[i] + 0.587 * d[n + i] + 0.114 * d[2 * n + i];
    }
    return y;
  }

  /**
   * Variance of the 4-neighbour Laplacian {@code L = Y(x±1) + Y(y±1) − 4Y} over interior pixels.
   */
  public static double laplacianVariance(double[] y, int w, int h) {
    double sum = 0;
    double sumSq = 0;
    int n = 0;
    for (int r = 1; r < h - 1; r++) {
      for (int c = 1; c < w - 1; c++) {
        int i = r * w + c;
        double l = y[i - 1] + y[i + 1] + y[i - w] + y[i + w] - 4 * y[i];
        sum += l;
        sumSq += l * l;
        n++;
      }
    }
    if (n == 0) {
      return 0;
    }
    double mean = sum / n;
    return Math.max(0, sumSq / n - mean * mean);
  }

  /**
   * Robust noise σ: the Immerkær mask {@code M = [1 −2 1; −2 4 −2; 1 −2 1]} (which cancels constant
   * and linear regions; its response to white noise has std 6σ) applied to the luma, and σ̂ =
   * 1.4826 · median|M∗Y| / 6. The median ignores the few edge pixels of a clean scene, so a
   * noiseless render scores 0.
   */
  public static double noiseSigma(double[] y, int w, int h) {
    if (w < 3 || h < 3) {
      return 0;
    }
    double[] responses = new double[(w - 2) * (h - 2)];
    int k = 0;
    for (int r = 1; r < h - 1; r++) {
      for (int c = 1; c < w - 1; c++) {
        int i = r * w + c;
        double m =
            y[i - w - 1]
                + y[i - w + 1]
                + y[i + w - 1]
                + y[i + w + 1]
                - 2 * (y[i - w] + y[i + w] + y[i - 1] + y[i + 1])
                + 4 * y[i];
        responses[k++] = Math.abs(m);
      }
    }
    Arrays.sort(responses);
    return 1.4826 * responses[responses.length / 2] / 6;
  }

  /** RMS contrast: the standard deviation of the luma. */
  public static double rmsContrast(double[] y) {
    double mean = Arrays.stream(y).average().orElse(0);
    double var = 0;
    for (double v : y) {
      var += (v - mean) * (v - mean);
    }
    return Math.sqrt(var / y.length);
  }

  /**
   * Centroid of the "object" pixels, as fractions of width and height: pixels whose colour is
   * farther than {@code threshold} (Euclidean RGB) from the median colour of the image border,
   * which our scenes fill with background. Null when no pixel qualifies.
   */
  public static double[] objectCentroid(RgbImage image, double threshold) {
    float[] background = borderMedian(image);
    double sx = 0;
    double sy = 0;
    int n = 0;
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        float[] p = image.pixel(x, y);
        double d =
            Math.sqrt(
                sq(p[0] - background[0]) + sq(p[1] - background[1]) + sq(p[2] - background[2]));
        if (d > threshold) {
          sx += x + 0.5;
          sy += y + 0.5;
          n++;
        }
      }
    }
    return n == 0 ? null : new double[] {sx / n / image.width(), sy / n / image.height()};
  }

  /** Per-channel median of the pixels on the image border. */
  public static float[] borderMedian(RgbImage image) {
    int w = image.width();
    int h = image.height();
    float[][] channels = new float[3][2 * w + 2 * Math.max(0, h - 2)];
    int k = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (y == 0 || y == h - 1 || x == 0 || x == w - 1) {
          float[] p = image.pixel(x, y);
          for (int c = 0; c < 3; c++) {
            channels[c][k] = p[c];
          }
          k++;
        }
      }
    }
    float[] median = new float[3];
    for (int c = 0; c < 3; c++) {
      float[] values = Arrays.copyOf(channels[c], k);
      Arrays.sort(values);
      median[c] = values[k / 2];
    }
    return median;
  }

  private static double sq(double v) {
    return v * v;
  }
}
