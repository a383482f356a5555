package prefloop.rater.quality;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chance-corrected agreement between raters on nominal labels (A, B, tie):
 *
 * <ul>
 *   <li>Cohen's κ of two raters over the pairs both labelled: κ = (p_o − p_e) / (1 − p_e), with p_o
 *       the share of equal labels and p_e = Σ_c p₁(c)·p₂(c) the share expected from each rater's
 *       own label frequencies.
 *   <li>Krippendorff's α across any number of raters, with missing labels: α = 1 − D_o / D_e from
 *       the coincidence matrix o_ck = Σ_units (ordered pairs of labels c, k in the unit) / (m_u −
 *       1) over units with m_u ≥ 2 labels; D_o = Σ_{c≠k} o_ck, D_e = Σ_{c≠k} n_c·n_k / (n − 1).
 * </ul>
 *
 * Both are 1 for perfect agreement, about 0 for agreement at chance, and negative below it. NaN
 * when undefined (no shared pair, or a single label value everywhere).
 */
public final class Agreement {
  private Agreement() {}

  /** Cohen's κ of two raters' labels (pair id → label) over the pairs both labelled. */
  public static <T> double cohensKappa(Map<String, T> first, Map<String, T> second) {
    Map<T, Integer> firstCounts = new HashMap<>();
    Map<T, Integer> secondCounts = new HashMap<>();
    int shared = 0;
    int equal = 0;
    for (Map.Entry<String, T> label : first.entrySet()) {
      T other = second.get(label.getKey());
      if (other == null) {
        continue;
      }
      shared++;
      equal += label.getValue().equals(other) ? 1 : 0;
      firstCounts.merge(label.getValue(), 1, Integer::sum);
      secondCounts.merge(other, 1, Integer::sum);
    }
    if (shared == 0) {
      return Double.NaN;
    }
    double expected = 0;
    for (Map.Entry<T, Integer> count : firstCounts.entrySet()) {
      expected +=
          count.getValue()
              / (double) shared
              * secondCounts.getOrDefault(count.getKey(), 0)
              / shared;
    }
    double observed = equal / (double) shared;
    return expected == 1 ? Double.NaN : (observed - expected) / (1 - expected);
  }

  /** Krippendorff's α (nominal) of the labels of each unit (unit → its raters' labels). */
  public static <T> double krippendorffAlpha(Map<String, List<T>> labelsByUnit) {
    Map<T, Map<T, Double>> coincidences = new HashMap<>();
    Set<T> values = new HashSet<>();
    for (List<T> labels : labelsByUnit.values()) {
      int m = labels.size();
      if (m < 2) {
        continue;
      }
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < m; j++) {
          if (i != j) {
            coincidences
                .computeIfAbsent(labels.get(i), k -> new HashMap<>())
                .merge(labels.get(j), 1.0 / (m - 1), Double::sum);
          }
        }
        values.add(labels.get(i));
      }
    }
    Map<T, Double> marginals = new HashMap<>();
    double n = 0;
    double disagreeing = 0;
    for (Map.Entry<T, Map<T, Double>> row : coincidences.entrySet()) {
      for (Map.Entry<T, Double> cell : row.getValue().entrySet()) {
        marginals.merge(row.getKey(), cell.getValue(), Double::sum);
        n += cell.getValue();
        if (!row.getKey().equals(cell.getKey())) {
          disagreeing += cell.getValue();
        }
      }
    }
    double expectedDisagreeing = 0;
    for (T c : values) {
      for (T k : values) {
        if (!c.equals(k)) {
          expectedDisagreeing += marginals.get(c) * marginals.get(k);
        }
      }
    }
    if (n < 2 || expectedDisagreeing == 0) {
      return Double.NaN;
    }
    return 1 - (n - 1) * disagreeing / expectedDisagreeing;
  }
}
