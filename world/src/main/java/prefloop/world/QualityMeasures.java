package prefloop.world;

/** Computes {@link ImageQuality} from a segmented image and its fitted object. */
final class QualityMeasures {
  private QualityMeasures() {}

  static ImageQuality measure(
      RgbImage image, Segmentation seg, ObjectFit fit, Colour colour, Colour background) {
    double scale = image.width() / 32.0;
    double contrast = Colours.distance(fit.colour(), seg.background());
    double canonicalContrast = Colours.distance(colour.rgb(), background.rgb());
    Position cell = positionOf(image, fit);
    double dx = fit.centreX() - cell.fx() * image.width();
    double dy = fit.centreY() - cell.fy() * image.height();
    return new ImageQuality(
        sharpness(image, fit.coverage()) / Math.max(contrast, 1e-6),
        noiseSigma(image, seg),
        contrast / Math.max(canonicalContrast, 1e-6),
        Colours.distance(fit.colour(), colour.rgb()),
        Math.hypot(dx, dy) / scale,
        extraObjects(seg, scale));
  }

  static Position positionOf(RgbImage image, ObjectFit fit) {
    return Position.at(third(fit.centreX() / image.width()), third(fit.centreY() / image.height()));
  }

  private static int third(double f) {
    return f < 0.375 ? 0 : (f < 0.625 ? 1 : 2);
  }

  /** Max central-difference magnitude over pixels where the object has some coverage. */
  private static double sharpness(RgbImage image, double[] coverage) {
    int w = image.width();
    int h = image.height();
    double best = 0;
    for (int y = 1; y < h - 1; y++) {
      for (int x = 1; x < w - 1; x++) {
        if (coverage[y * w + x] <= 0) {
          continue;
        }
        best = Math.max(best, Colours.distance(image.pixel(x + 1, y), image.pixel(x - 1, y)));
        best = Math.max(best, Colours.distance(image.pixel(x, y + 1), image.pixel(x, y - 1)));
      }
    }
    return best;
  }

  /** Immerkær (1996) noise estimate over 3×3 windows that touch no object pixel. */
  private static double noiseSigma(RgbImage image, Segmentation seg) {
    int w = image.width();
    int h = image.height();
    boolean[] object = new boolean[w * h];
    for (int[] component : seg.components()) {
      for (int i : component) {
        object[i] = true;
      }
    }
    int[][] mask = {{1, -2, 1}, {-2, 4, -2}, {1, -2, 1}};
    double sum = 0;
    long count = 0;
    for (int y = 2; y < h - 2; y++) {
      for (int x = 2; x < w - 2; x++) {
        if (nearObject(object, w, x, y)) {
          continue;
        }
        for (int c = 0; c < 3; c++) {
          double acc = 0;
          for (int j = -1; j <= 1; j++) {
            for (int i = -1; i <= 1; i++) {
              acc += mask[j + 1][i + 1] * image.get(c, x + i, y + j);
            }
          }
          sum += Math.abs(acc);
          count++;
        }
      }
    }
    return count == 0 ? 0 : Math.sqrt(Math.PI / 2) / 6 * sum / count;
  }

  private static boolean nearObject(boolean[] object, int w, int x, int y) {
    for (int j = -2; j <= 2; j++) {
      for (int i = -2; i <= 2; i++) {
        if (object[(y + j) * w + x + i]) {
          return true;
        }
      }
    }
    return false;
  }

  private static int extraObjects(Segmentation seg, double scale) {
    int main = seg.components().get(0).length;
    double min = Math.max(4 * scale * scale, 0.1 * main);
    int extra = 0;
    for (int k = 1; k < seg.components().size(); k++) {
      if (seg.components().get(k).length >= min) {
        extra++;
      }
    }
    return extra;
  }
}
