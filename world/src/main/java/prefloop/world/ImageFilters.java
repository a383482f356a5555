package prefloop.world;

import java.util.Random;

/** Pure image filters used by the degradations; each returns a new image. */
public final class ImageFilters {
  private ImageFilters() {}

  /**
   * Separable Gaussian blur with standard deviation {@code sigma} pixels, kernel radius ⌈3σ⌉, edges
   * replicated: out(x) = Σ_k w_k · in(x + k) with w_k ∝ exp(−k² / 2σ²), Σ w_k = 1.
   */
  public static RgbImage gaussianBlur(RgbImage image, double sigma) {
    if (!(sigma > 0)) {
      throw new IllegalArgumentException("blur sigma must be > 0, got " + sigma);
    }
    int radius = (int) Math.ceil(3 * sigma);
    double[] kernel = new double[2 * radius + 1];
    double sum = 0;
    for (int k = -radius; k <= radius; k++) {
      kernel[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
      sum += kernel[k + radius];
    }
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] /= sum;
    }
    return convolve(convolve(image, kernel, true), kernel, false);
  }

  private static RgbImage convolve(RgbImage in, double[] kernel, boolean horizontal) {
    int w = in.width();
    int h = in.height();
    int radius = kernel.length / 2;
    float[] out = new float[in.data().length];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double acc = 0;
          for (int k = -radius; k <= radius; k++) {
            int sx = horizontal ? clampIndex(x + k, w) : x;
            int sy = horizontal ? y : clampIndex(y + k, h);
            acc += kernel[k + radius] * in.get(c, sx, sy);
          }
          out[in.index(c, y, x)] = Colours.clamp(acc);
        }
      }
    }
    return new RgbImage(w, h, out);
  }

  private static int clampIndex(int i, int n) {
    return i < 0 ? 0 : (i >= n ? n - 1 : i);
  }

  /** Adds independent N(0, σ²) noise to every value, clamped to [0,1]. */
  public static RgbImage gaussianNoise(RgbImage image, double sigma, Random random) {
    float[] out = image.data().clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = Colours.clamp(out[i] + sigma * random.nextGaussian());
    }
    return new RgbImage(image.width(), image.height(), out);
  }

  /** Contrast around mid-grey: x ← 0.5 + k·(x − 0.5), k in [0,1]; preserves hue. */
  public static RgbImage contrast(RgbImage image, double k) {
    if (!(k >= 0 && k <= 1)) {
      throw new IllegalArgumentException("contrast factor must be in [0,1], got " + k);
    }
    float[] out = image.data().clone();
    for (int i = 0; i < out.length; i++) {
      out[i] = Colours.clamp(0.5 + k * (out[i] - 0.5));
    }
    return new RgbImage(image.width(), image.height(), out);
  }
}
