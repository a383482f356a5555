package prefloop.rater.human;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import prefloop.rater.quality.GoldPair;
import prefloop.rater.quality.GoldPairs;
import prefloop.rater.quality.Vote;
import prefloop.schemas.avro.PreferenceLabel;

/**
 * Gold pairs among the pairs people are served: whether the n-th pair served to a person is gold
 * (drawn from the seed, the person and n, so nobody can tell them apart by timing), the gold pairs
 * themselves, and each person's answers on them. Answers are never published. Not thread-safe:
 * {@link HumanRatings} guards it.
 */
final class GoldRounds {
  /** Gold pairs remembered (for their answers) at most; older ones are forgotten. */
  private static final int MAX_KEPT = 1000;

  private final GoldPairs source;
  private final double rate;
  private final long seed;
  private final Map<String, GoldPair> pairs = new LinkedHashMap<>();
  private final Map<String, Map<String, Boolean>> answers = new HashMap<>();
  private final Map<String, Integer> served = new HashMap<>();
  private long made;

  /**
   * @param source where gold pairs come from; null for none
   * @param rate the share of served pairs that are gold, in [0, 1]
   */
  GoldRounds(GoldPairs source, double rate, long seed) {
    this.source = source;
    this.rate = source == null ? 0 : rate;
    this.seed = seed;
  }

  /** A new gold pair when this serving to {@code rater} is drawn to be one. */
  Optional<HumanTask> serve(String rater) {
    int n = served.merge(rater, 1, Integer::sum);
    if (rate == 0 || draw(rater, n) >= rate) {
      return Optional.empty();
    }
    GoldPair pair = source.make(made++);
    String id = pair.pair().getPairId();
    pairs.put(id, pair);
    if (pairs.size() > MAX_KEPT) {
      String oldest = pairs.keySet().iterator().next();
      pairs.remove(oldest);
      answers.remove(oldest);
    }
    // a gold task's "model label" is the known answer (the page never sees it)
    PreferenceLabel answer = pair.aBetter() ? PreferenceLabel.A : PreferenceLabel.B;
    return Optional.of(new HumanTask(pair.pair(), 0, answer, swapped(id)));
  }

  boolean isGold(String pairId) {
    return pairs.containsKey(pairId);
  }

  boolean answered(String rater, String pairId) {
    return answers.getOrDefault(pairId, Map.of()).containsKey(rater);
  }

  /** Records {@code rater}'s answer on gold pair {@code pairId}; a tie counts as a miss. */
  void record(String rater, String pairId, Choice choice) {
    Map<String, Boolean> onPair = answers.computeIfAbsent(pairId, k -> new LinkedHashMap<>());
    if (choice == Choice.LEFT || choice == Choice.RIGHT) {
      GoldPair pair = pairs.get(pairId);
      PreferenceLabel label =
          new HumanTask(pair.pair(), 0, PreferenceLabel.TIE, swapped(pairId)).labelFor(choice);
      onPair.put(rater, label == PreferenceLabel.A);
    } else if (choice == Choice.TIE) {
      onPair.put(rater, null);
    }
  }

  /** Gold pairs {@code rater} answered (A, B or tie). */
  int seen(String rater) {
    return (int) answers.values().stream().filter(a -> a.containsKey(rater)).count();
  }

  /** Gold pairs {@code rater} answered right. */
  int correct(String rater) {
    int correct = 0;
    for (Map.Entry<String, Map<String, Boolean>> pair : answers.entrySet()) {
      Boolean answer = pair.getValue().get(rater);
      correct += answer != null && answer == pairs.get(pair.getKey()).aBetter() ? 1 : 0;
    }
    return correct;
  }

  /** Everyone who answered a gold pair. */
  Set<String> raters() {
    Set<String> raters = new TreeSet<>();
    answers.values().forEach(a -> raters.addAll(a.keySet()));
    return raters;
  }

  /** Adds the A/B answers to {@code votes} and their pairs' answers to {@code known}. */
  void addTo(List<Vote> votes, Map<String, Boolean> known) {
    for (Map.Entry<String, Map<String, Boolean>> pair : answers.entrySet()) {
      for (Map.Entry<String, Boolean> answer : pair.getValue().entrySet()) {
        if (answer.getValue() != null) {
          votes.add(new Vote(pair.getKey(), answer.getKey(), answer.getValue()));
          known.put(pair.getKey(), pairs.get(pair.getKey()).aBetter());
        }
      }
    }
  }

  /** Sides are randomised like any pair's, from the pair id. */
  private boolean swapped(String pairId) {
    return draw(pairId, 0) < 0.5;
  }

  /** A uniform draw in [0, 1) from (seed, key, n). */
  private double draw(String key, int n) {
    long h = seed ^ 0x9E3779B97F4A7C15L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ b) * 0x100000001B3L;
    }
    return new SplittableRandom(h ^ (n * 0xBF58476D1CE4E5B9L)).nextDouble();
  }
}
