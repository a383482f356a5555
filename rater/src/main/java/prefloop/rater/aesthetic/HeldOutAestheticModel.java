package prefloop.rater.aesthetic;

import java.util.Arrays;
import java.util.Optional;
import prefloop.rater.model.NamedImageRewardModel;
import prefloop.world.Position;
import prefloop.world.RgbImage;

/**
 * A held-out aesthetic reward with a different formula from {@link AestheticModel} (so optimising
 * one does not automatically optimise the other); in [0, 1], the geometric mean of four terms. It
 * works on the colour-distance map D(x) = ‖rgb(x) − b‖, b = median colour of the border pixels:
 *
 * <pre>
 *   top2(v)  = mean of the largest 2% of the values v (our smallest objects cover ~2.5% of pixels)
 *   range    = top2(D)                                      (object-to-background colour step)
 *   acuity   = min(1, top2(|Sobel ∇D|) / (4 · range + 1e−6)) (Sobel's response to a crisp step of
 *                                                           height h is 4h; blur spreads it)
 *   quiet    = exp(−(s_b / 0.04)²), s_b = RMS of D over the border pixels
 *   ranged   = min(1, range / 0.8)
 *   framed   = exp(−d² / (2 · 0.12²)), d = distance of the bounding-box centre of {D &gt; 0.25} from
 *              the prompt's cell centre (1 when the prompt is not in the toy-world grammar, 0 when
 *              there is no object)
 *   heldout  = (acuity · quiet · ranged · framed)^(1/4)
 * </pre>
 *
 * Thread-safe.
 */
public final class HeldOutAestheticModel extends NamedImageRewardModel {
  private final PromptPositions positions = new PromptPositions();

  public HeldOutAestheticModel(String name) {
    super(name);
  }

  @Override
  public double score(String prompt, RgbImage image) {
    int w = image.width();
    int h = image.height();
    double[] d = distanceMap(image);
    double range = top2(d.clone());
    double acuity = Math.min(1, top2(sobelMagnitudes(d, w, h)) / (4 * range + 1e-6));
    double quiet = Math.exp(-Math.pow(borderSpread(image) / 0.04, 2));
    double ranged = Math.min(1, range / 0.8);
    double framed = framed(prompt, image);
    return Math.pow(acuity * quiet * ranged * framed, 0.25);
  }

  private static double[] distanceMap(RgbImage image) {
    float[] bg = ImageStats.borderMedian(image);
    double[] d = new double[image.width() * image.height()];
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        d[y * image.width() + x] = distance(image.pixel(x, y), bg);
      }
    }
    return d;
  }

  private static double top2(double[] values) {
    Arrays.sort(values);
    int n = Math.max(1, values.length / 50);
    double sum = 0;
    for (int i = values.length - n; i < values.length; i++) {
      sum += values[i];
    }
    return sum / n;
  }

  private double framed(String prompt, RgbImage image) {
    Optional<Position> position = positions.of(prompt);
    if (position.isEmpty()) {
      return 1;
    }
    float[] bg = ImageStats.borderMedian(image);
    int minX = Integer.MAX_VALUE;
    int maxX = -1;
    int minY = Integer.MAX_VALUE;
    int maxY = -1;
    for (int yy = 0; yy < image.height(); yy++) {
      for (int x = 0; x < image.width(); x++) {
        if (distance(image.pixel(x, yy), bg) > 0.25) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, yy);
          maxY = Math.max(maxY, yy);
        }
      }
    }
    if (maxX < 0) {
      return 0;
    }
    double cx = (minX + maxX + 1) / 2.0 / image.width();
    double cy = (minY + maxY + 1) / 2.0 / image.height();
    double d = Math.hypot(cx - position.get().fx(), cy - position.get().fy());
    return Math.exp(-d * d / (2 * 0.12 * 0.12));
  }

  private static double borderSpread(RgbImage image) {
    float[] median = ImageStats.borderMedian(image);
    double sum = 0;
    int n = 0;
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        if (y == 0 || y == image.height() - 1 || x == 0 || x == image.width() - 1) {
          double d = distance(image.pixel(x, y), median);
          sum += d * d;
          n++;
        }
      }
    }
    return Math.sqrt(sum / n);
  }

  private static double[] sobelMagnitudes(double[] y, int w, int h) {
    double[] out = new double[Math.max(1, (w - 2) * (h - 2))];
    int k = 0;
    for (int r = 1; r < h - 1; r++) {
      for (int c = 1; c < w - 1; c++) {
        int i = r * w + c;
        double gx =
            (y[i - w + 1] + 2 * y[i + 1] + y[i + w + 1])
                - (y[i - w - 1] + 2 * y[i - 1] + y[i + w - 1]);
        double gy =
            (y[i + w - 1] + 2 * y[i + w] + y[i + w + 1])
                - (y[i - w - 1] + 2 * y[i - w] + y[i - w + 1]);
        out[k++] = Math.hypot(gx, gy);
      }
    }
    return out;
  }

  private static double distance(float[] a, float[] b) {
    double dr = a[0] - b[0];
    double dg = a[1] - b[1];
    double db = a[2] - b[2];
    return Math.sqrt(dr * dr + dg * dg + db * db);
  }
}
