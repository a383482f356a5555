package prefloop.world;

import java.util.Arrays;

/**
 * The main object measured from pixels. Its colour o is the mean of the component's core pixels (d
 * ≥ 0.85·d₉₀ of the component). Coverage per pixel is the projection α = clamp((p − bg)·(o − bg) /
 * ‖o − bg‖², 0, 1) over the component dilated by two pixels (noise projects to zero mean, unlike
 * d). Each shape is then placed with the same area A = Σα and centroid as the coverage, and scored
 * by soft IoU = Σ min(α, t) / Σ max(α, t) against its anti-aliased template t; the best one wins.
 *
 * @param colour mean core colour o
 * @param coverage α per pixel, row-major
 * @param shape best-matching shape
 * @param iou soft IoU of the best shape
 * @param centreX bounding-box centre x of the fitted shape, pixels
 * @param centreY bounding-box centre y of the fitted shape, pixels
 * @param side bounding-box side of the fitted shape, pixels
 */
record ObjectFit(
    float[] colour,
    double[] coverage,
    Shape shape,
    double iou,
    double centreX,
    double centreY,
    double side) {
  private static final int TEMPLATE_SUPERSAMPLE = 4;

  static ObjectFit of(RgbImage image, Segmentation segmentation) {
    int[] component = segmentation.components().get(0);
    float[] colour = coreColour(image, segmentation.distance(), component);
    double[] coverage = coverage(image, segmentation, colour);
    return fitShape(image.width(), image.height(), colour, coverage);
  }

  private static float[] coreColour(RgbImage image, double[] distance, int[] component) {
    double[] d = Arrays.stream(component).mapToDouble(i -> distance[i]).sorted().toArray();
    double core = 0.85 * d[(int) (0.9 * (d.length - 1))];
    double[] sum = new double[3];
    int count = 0;
    for (int i : component) {
      if (distance[i] >= core) {
        float[] p = image.pixel(i % image.width(), i / image.width());
        for (int c = 0; c < 3; c++) {
          sum[c] += p[c];
        }
        count++;
      }
    }
    return new float[] {(float) sum[0] / count, (float) sum[1] / count, (float) sum[2] / count};
  }

  private static double[] coverage(RgbImage image, Segmentation segmentation, float[] colour) {
    int w = image.width();
    int h = image.height();
    boolean[] region = dilated(segmentation, w, h);
    float[] bg = segmentation.background();
    double[] dir = {colour[0] - bg[0], colour[1] - bg[1], colour[2] - bg[2]};
    double norm2 = Math.max(1e-6, dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
    double[] alpha = new double[w * h];
    for (int i = 0; i < alpha.length; i++) {
      if (region[i]) {
        float[] p = image.pixel(i % w, i / w);
        double dot = (p[0] - bg[0]) * dir[0] + (p[1] - bg[1]) * dir[1] + (p[2] - bg[2]) * dir[2];
        alpha[i] = Math.max(0, Math.min(1, dot / norm2));
      }
    }
    return alpha;
  }

  /** The main component grown by two pixels, excluding pixels of other components. */
  private static boolean[] dilated(Segmentation segmentation, int w, int h) {
    boolean[] other = new boolean[w * h];
    for (int k = 1; k < segmentation.components().size(); k++) {
      for (int i : segmentation.components().get(k)) {
        other[i] = true;
      }
    }
    boolean[] region = new boolean[w * h];
    for (int i : segmentation.components().get(0)) {
      int x = i % w;
      int y = i / w;
      for (int dy = -2; dy <= 2; dy++) {
        for (int dx = -2; dx <= 2; dx++) {
          int nx = x + dx;
          int ny = y + dy;
          if (nx >= 0 && ny >= 0 && nx < w && ny < h && !other[ny * w + nx]) {
            region[ny * w + nx] = true;
          }
        }
      }
    }
    return region;
  }

  private static ObjectFit fitShape(int w, int h, float[] colour, double[] alpha) {
    double area = 0;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < alpha.length; i++) {
      area += alpha[i];
      mx += alpha[i] * (i % w + 0.5);
      my += alpha[i] * (i / w + 0.5);
    }
    double cx = mx / Math.max(area, 1e-9);
    double cy = my / Math.max(area, 1e-9);
    ObjectFit best = null;
    for (Shape shape : Shape.values()) {
      double side = Math.sqrt(Math.max(area, 1e-9) / shape.areaFraction());
      double boxCy = cy - shape.centroidV() * side / 2;
      SceneObject template = new SceneObject(shape, cx, boxCy, side, new float[3]);
      double iou = softIou(template, alpha, w, h);
      if (best == null || iou > best.iou) {
        best = new ObjectFit(colour, alpha, shape, iou, cx, boxCy, side);
      }
    }
    return best;
  }

  private static double softIou(SceneObject template, double[] alpha, int w, int h) {
    double intersection = 0;
    double union = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double a = alpha[y * w + x];
        boolean near =
            Math.abs(x + 0.5 - template.centreX()) <= template.side() / 2 + 1
                && Math.abs(y + 0.5 - template.centreY()) <= template.side() / 2 + 1;
        double t = near ? Renderer.coverage(template, x, y, TEMPLATE_SUPERSAMPLE) : 0;
        intersection += Math.min(a, t);
        union += Math.max(a, t);
      }
    }
    return union <= 0 ? 0 : intersection / union;
  }
}
