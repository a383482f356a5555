package prefloop.rater.human;

import java.util.List;

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

  /**
   * @param first one rater
   * @param second the other
   * @param kappa Cohen's κ over the pairs both labelled (NaN when undefined)
   * @param shared how many pairs both labelled
   */
  public record RaterKappa(String first, String second, double kappa, int shared) {}
}
