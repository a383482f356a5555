package prefloop.evaluation;

import java.util.List;

/**
 * Per-prompt diversity: the mean pairwise distance between the images one prompt produced under
 * different seeds, averaged over prompts,
 *
 * <pre>
 *   div = (1/P) Σ_p  (2 / (k_p (k_p − 1))) Σ_{i &lt; j in group p} ‖f_i − f_j‖₂
 * </pre>
 *
 * where f are feature vectors (or flattened pixels). Prompts with fewer than two images are
 * skipped; with none left the result is NaN. A model that collapses to one image per prompt scores
 * 0, the failure the paper's frozen-reference DPO is accused of drifting towards.
 */
public final class Diversity {
  private Diversity() {}

  /**
   * @param vectors one vector per image
   * @param groups per prompt, the indices into {@code vectors} of that prompt's images
   */
  public static double meanPairwiseDistance(float[][] vectors, List<int[]> groups) {
    double total = 0;
    int counted = 0;
    for (int[] group : groups) {
      if (group.length < 2) {
        continue;
      }
      double sum = 0;
      int pairs = 0;
      for (int i = 0; i < group.length; i++) {
        for (int j = i + 1; j < group.length; j++) {
          sum += distance(vectors[group[i]], vectors[group[j]]);
          pairs++;
        }
      }
      total += sum / pairs;
      counted++;
    }
    return counted == 0 ? Double.NaN : total / counted;
  }

  /** Euclidean distance. */
  static double distance(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "vectors of different length: " + a.length + " and " + b.length);
    }
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      sum += d * d;
    }
    return Math.sqrt(sum);
  }
}
