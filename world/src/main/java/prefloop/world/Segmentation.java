package prefloop.world;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Splits an image into background and objects: the background colour is the per-channel median of
 * all pixels (objects cover well under half the image), d(p) = ‖p − background‖, and objects are
 * the 4-connected components of d &gt; max(0.08, d₉₉ / 2), where d₉₉ is the 99th percentile of d.
 *
 * @param background estimated background colour
 * @param distance d per pixel, row-major
 * @param components pixel indices (y·width + x) of each component, largest first; empty when the
 *     image has no object (d₉₉ &lt; 0.08)
 */
record Segmentation(float[] background, double[] distance, List<int[]> components) {
  private static final double MIN_CONTRAST = 0.08;

  static Segmentation of(RgbImage image) {
    int w = image.width();
    int n = w * image.height();
    float[] background = new float[3];
    float[] plane = new float[n];
    for (int c = 0; c < 3; c++) {
      System.arraycopy(image.data(), c * n, plane, 0, n);
      Arrays.sort(plane);
      background[c] = plane[n / 2];
    }
    double[] distance = new double[n];
    for (int i = 0; i < n; i++) {
      distance[i] = Colours.distance(image.pixel(i % w, i / w), background);
    }
    double[] sorted = distance.clone();
    Arrays.sort(sorted);
    double p99 = sorted[(int) (0.99 * (n - 1))];
    if (p99 < MIN_CONTRAST) {
      return new Segmentation(background, distance, List.of());
    }
    double threshold = Math.max(MIN_CONTRAST, p99 / 2);
    return new Segmentation(background, distance, components(distance, threshold, w));
  }

  private static List<int[]> components(double[] distance, double threshold, int w) {
    int n = distance.length;
    int h = n / w;
    boolean[] seen = new boolean[n];
    List<int[]> out = new ArrayList<>();
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int start = 0; start < n; start++) {
      if (seen[start] || distance[start] <= threshold) {
        continue;
      }
      List<Integer> pixels = new ArrayList<>();
      seen[start] = true;
      queue.add(start);
      while (!queue.isEmpty()) {
        int i = queue.poll();
        pixels.add(i);
        int x = i % w;
        int y = i / w;
        int[] next = {
          x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1
        };
        for (int j : next) {
          if (j >= 0 && !seen[j] && distance[j] > threshold) {
            seen[j] = true;
            queue.add(j);
          }
        }
      }
      out.add(pixels.stream().mapToInt(Integer::intValue).toArray());
    }
    out.sort(Comparator.comparingInt((int[] c) -> c.length).reversed());
    return out;
  }

  boolean hasObject() {
    return !components.isEmpty();
  }
}
