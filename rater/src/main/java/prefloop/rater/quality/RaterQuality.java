package prefloop.rater.quality;

import java.util.Map;
import java.util.Set;

/**
 * What {@link DawidSkene} concluded from a set of votes.
 *
 * @param posteriorA per pair, the probability that A is the better image
 * @param accuracy per rater, the estimated probability of answering a pair correctly
 * @param votes per rater, how many votes the estimate rests on
 * @param excluded raters whose estimated accuracy fell below the threshold: their votes do not
 *     count towards any posterior
 * @param iterations EM iterations until the estimates stopped moving
 */
public record RaterQuality(
    Map<String, Double> posteriorA,
    Map<String, Double> accuracy,
    Map<String, Integer> votes,
    Set<String> excluded,
    int iterations) {

  public RaterQuality {
    posteriorA = Map.copyOf(posteriorA);
    accuracy = Map.copyOf(accuracy);
    votes = Map.copyOf(votes);
    excluded = Set.copyOf(excluded);
  }

  /** How sure the combined label of {@code pairId} is: max(P(A), P(B)), in [½, 1]. */
  public double confidence(String pairId) {
    Double p = posteriorA.get(pairId);
    if (p == null) {
      throw new IllegalArgumentException("no votes on pair " + pairId);
    }
    return Math.max(p, 1 - p);
  }
}
