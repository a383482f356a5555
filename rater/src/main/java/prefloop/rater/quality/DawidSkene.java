package prefloop.rater.quality;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Combines the votes of raters of unknown accuracy on the same pairs (Dawid and Skene 1979, the
 * one-parameter "one coin" form for two classes). Each rater r answers any pair correctly with
 * probability a_r; each pair's true answer z is A or B. Expectation–maximisation alternates:
 *
 * <pre>
 *   E:  log P(z = A) / P(z = B) = Σ_votes ±log(a_r / (1 − a_r))      (+ for a vote for A)
 *   M:  a_r = (Σ_votes of r P(z = the vote) + 2) / (n_r + 3)           (a Beta(2, 1) prior)
 * </pre>
 *
 * starting from the majority vote, until no posterior moves by more than 1e-7. The prior of A is
 * fixed at ½: which image is shown as A is random, so nothing is learnt from estimating it. The
 * Beta(2, 1) prior (mean ⅔) assumes a rater is somewhat better than a coin until their votes say
 * otherwise: with a flat prior, one person whose first label contradicts the models' would be
 * estimated at exactly ½ and their label would weigh nothing. Pairs of known answer (gold) keep
 * their posterior at that answer.
 *
 * <p>Every rater takes part in the fit, so an adversary's accuracy is estimated (near 0). Raters
 * estimated below {@code minAccuracy}, once they have cast {@code minVotes} votes, are then
 * excluded from the posteriors the labels are made of: a rater who answers the opposite is not
 * trusted to keep doing so. (Leaving them out of the fit itself made it converge slowly and pull
 * every estimate towards ½.) Deterministic: the same votes give the same result, whatever their
 * order.
 */
public final class DawidSkene {
  private static final int MAX_ITERATIONS = 200;
  private static final double TOLERANCE = 1e-7;
  private static final double CLAMP = 1e-6;
  private static final Comparator<Vote> ORDER =
      Comparator.comparing(Vote::pairId).thenComparing(Vote::raterId).thenComparing(Vote::aBetter);

  private final double minAccuracy;
  private final int minVotes;

  /**
   * @param minAccuracy raters estimated below this accuracy are excluded, in [0, 1); ½ excludes
   *     those no better than a coin
   * @param minVotes raters with fewer votes are never excluded (one disagreement must not shut a
   *     newcomer out), ≥ 1
   */
  public DawidSkene(double minAccuracy, int minVotes) {
    if (!(minAccuracy >= 0 && minAccuracy < 1)) {
      throw new IllegalArgumentException("minAccuracy must be in [0, 1), was " + minAccuracy);
    }
    if (minVotes < 1) {
      throw new IllegalArgumentException("minVotes must be ≥ 1, was " + minVotes);
    }
    this.minAccuracy = minAccuracy;
    this.minVotes = minVotes;
  }

  /** Fits rater accuracies and pair posteriors to {@code votes}. */
  public RaterQuality fit(List<Vote> votes) {
    return fit(votes, Map.of());
  }

  /**
   * As {@link #fit(List)}, with the answers of some pairs known (gold pairs: pair id → A better?):
   * their posteriors stay fixed at the answer, so they measure the raters directly.
   */
  public RaterQuality fit(List<Vote> unordered, Map<String, Boolean> known) {
    if (unordered.isEmpty()) {
      throw new IllegalArgumentException("Dawid–Skene needs at least one vote");
    }
    // sorted votes and maps: floating-point sums do not depend on the order votes arrived in
    List<Vote> votes = unordered.stream().sorted(ORDER).toList();
    Map<String, Integer> perRater = new TreeMap<>();
    for (Vote vote : votes) {
      perRater.merge(vote.raterId(), 1, Integer::sum);
    }
    Map<String, Double> accuracy = new TreeMap<>();
    Map<String, Double> posterior = withKnown(majority(votes), known);
    int iteration = 0;
    double change = Double.POSITIVE_INFINITY;
    while (iteration < MAX_ITERATIONS && change > TOLERANCE) {
      iteration++;
      accuracy = accuracies(votes, posterior, perRater);
      Map<String, Double> next = withKnown(posteriors(votes, accuracy, Set.of()), known);
      change = maxChange(posterior, next);
      posterior = next;
    }
    Set<String> excluded = new HashSet<>();
    accuracy.forEach(
        (rater, a) -> {
          if (a < minAccuracy && perRater.get(rater) >= minVotes) {
            excluded.add(rater);
          }
        });
    if (!excluded.isEmpty()) {
      posterior = withKnown(posteriors(votes, accuracy, excluded), known);
    }
    return new RaterQuality(posterior, accuracy, perRater, excluded, iteration);
  }

  private static Map<String, Double> majority(List<Vote> votes) {
    Map<String, double[]> counts = new TreeMap<>();
    for (Vote vote : votes) {
      double[] c = counts.computeIfAbsent(vote.pairId(), id -> new double[2]);
      c[vote.aBetter() ? 0 : 1]++;
    }
    Map<String, Double> posterior = new TreeMap<>();
    // add-one smoothing: a pair with one vote starts at 2/3, not certainty
    counts.forEach((pair, c) -> posterior.put(pair, (c[0] + 1) / (c[0] + c[1] + 2)));
    return posterior;
  }

  private static Map<String, Double> accuracies(
      List<Vote> votes, Map<String, Double> posterior, Map<String, Integer> perRater) {
    Map<String, Double> correct = new TreeMap<>();
    for (Vote vote : votes) {
      double pA = posterior.get(vote.pairId());
      correct.merge(vote.raterId(), vote.aBetter() ? pA : 1 - pA, Double::sum);
    }
    Map<String, Double> accuracy = new LinkedHashMap<>();
    correct.forEach((rater, c) -> accuracy.put(rater, (c + 2) / (perRater.get(rater) + 3)));
    return accuracy;
  }

  private static Map<String, Double> posteriors(
      List<Vote> votes, Map<String, Double> accuracy, Set<String> excluded) {
    Map<String, Double> logOdds = new TreeMap<>();
    for (Vote vote : votes) {
      double a = Math.min(1 - CLAMP, Math.max(CLAMP, accuracy.get(vote.raterId())));
      double weight = excluded.contains(vote.raterId()) ? 0 : Math.log(a / (1 - a));
      logOdds.merge(vote.pairId(), vote.aBetter() ? weight : -weight, Double::sum);
    }
    Map<String, Double> posterior = new TreeMap<>();
    logOdds.forEach((pair, l) -> posterior.put(pair, 1 / (1 + Math.exp(-l))));
    return posterior;
  }

  private static Map<String, Double> withKnown(
      Map<String, Double> posterior, Map<String, Boolean> known) {
    posterior.replaceAll((pair, p) -> known.containsKey(pair) ? (known.get(pair) ? 1.0 : 0.0) : p);
    return posterior;
  }

  private static double maxChange(Map<String, Double> before, Map<String, Double> after) {
    double max = 0;
    for (Map.Entry<String, Double> e : after.entrySet()) {
      max = Math.max(max, Math.abs(e.getValue() - before.get(e.getKey())));
    }
    return max;
  }
}
