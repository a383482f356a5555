package prefloop.rater.human;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import prefloop.rater.quality.Agreement;
import prefloop.schemas.avro.PreferenceLabel;

/**
 * How much the people rating agree with each other beyond chance, over their A/B/tie labels.
 *
 * @param alpha Krippendorff's α across everyone (NaN until a pair has two labels)
 * @param pairs pairs labelled by two or more people
 * @param kappas Cohen's κ of each two people who labelled a pair in common
 */
public record PeopleAgreement(double alpha, int pairs, List<RaterKappa> kappas) {
  public PeopleAgreement {
    kappas = List.copyOf(kappas);
  }

  /** The agreement of the A/B/tie labels in {@code byPair} (pair id → rater → label). */
  static PeopleAgreement of(Map<String, Map<String, PreferenceLabel>> byPair) {
    Map<String, List<PreferenceLabel>> units = new LinkedHashMap<>();
    Map<String, Map<String, PreferenceLabel>> byRater = new TreeMap<>();
    for (Map.Entry<String, Map<String, PreferenceLabel>> pair : byPair.entrySet()) {
      List<PreferenceLabel> labels = new ArrayList<>();
      for (Map.Entry<String, PreferenceLabel> label : pair.getValue().entrySet()) {
        PreferenceLabel value = label.getValue();
        if (value == PreferenceLabel.A
            || value == PreferenceLabel.B
            || value == PreferenceLabel.TIE) {
          labels.add(value);
          byRater
              .computeIfAbsent(label.getKey(), k -> new LinkedHashMap<>())
              .put(pair.getKey(), value);
        }
      }
      if (labels.size() >= 2) {
        units.put(pair.getKey(), labels);
      }
    }
    List<RaterKappa> kappas = new ArrayList<>();
    List<String> raters = List.copyOf(byRater.keySet());
    for (int i = 0; i < raters.size(); i++) {
      for (int j = i + 1; j < raters.size(); j++) {
        Map<String, PreferenceLabel> first = byRater.get(raters.get(i));
        Map<String, PreferenceLabel> second = byRater.get(raters.get(j));
        int shared = (int) first.keySet().stream().filter(second::containsKey).count();
        if (shared > 0) {
          kappas.add(
              new RaterKappa(
                  raters.get(i), raters.get(j), Agreement.cohensKappa(first, second), shared));
        }
      }
    }
    return new PeopleAgreement(Agreement.krippendorffAlpha(units), units.size(), kappas);
  }

  /**
   * @param first one rater
   * @param second the other
   * @param kappa Cohen's κ over the pairs both labelled (NaN when undefined)
   * @param shared how many pairs both labelled
   */
  public record RaterKappa(String first, String second, double kappa, int shared) {}
}
