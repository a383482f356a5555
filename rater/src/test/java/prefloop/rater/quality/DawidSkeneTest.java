package prefloop.rater.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Simulated raters of known accuracy, as issue 17 asks: 0.9, 0.75, 0.55 and an adversary. */
class DawidSkeneTest {
  private static final Map<String, Double> TRUE_ACCURACY =
      Map.of("careful", 0.9, "decent", 0.75, "sloppy", 0.55, "adversary", 0.0);
  private static final List<String> RATERS = List.of("careful", "decent", "sloppy", "adversary");

  /** Truth of each pair (A better?) and the votes of {@code perPair} raters drawn for each. */
  private record Simulation(boolean[] truth, List<Vote> votes) {}

  private static Simulation simulate(int pairs, int perPair, long seed) {
    Random random = new Random(seed);
    boolean[] truth = new boolean[pairs];
    List<Vote> votes = new ArrayList<>();
    for (int p = 0; p < pairs; p++) {
      truth[p] = random.nextBoolean();
      List<String> raters = new ArrayList<>(RATERS);
      Collections.shuffle(raters, random);
      for (String rater : raters.subList(0, perPair)) {
        boolean right = random.nextDouble() < TRUE_ACCURACY.get(rater);
        votes.add(new Vote("pair-" + p, rater, right == truth[p]));
      }
    }
    return new Simulation(truth, votes);
  }

  @Test
  void recoversEachRatersAccuracyWithinFiveHundredthsAndExcludesTheAdversary() {
    Simulation sim = simulate(1500, 4, 17);
    RaterQuality quality = new DawidSkene(0.5, 1).fit(sim.votes());
    System.out.println("Dawid–Skene, 1500 pairs × 4 raters: " + quality.accuracy());
    for (String rater : RATERS) {
      assertThat(quality.accuracy().get(rater))
          .as(rater)
          .isCloseTo(TRUE_ACCURACY.get(rater), within(0.05));
    }
    assertThat(quality.excluded()).containsExactly("adversary");
  }

  @Test
  void withThreeOfFourRatersPerPairTheCombinedLabelBeatsTheMajorityVote() {
    Simulation sim = simulate(2000, 3, 5);
    RaterQuality quality = new DawidSkene(0.5, 1).fit(sim.votes());
    for (String rater : RATERS) {
      assertThat(quality.accuracy().get(rater))
          .as(rater)
          .isCloseTo(TRUE_ACCURACY.get(rater), within(0.05));
    }
    int dawidSkeneRight = 0;
    int majorityRight = 0;
    int[] forA = new int[sim.truth().length];
    for (Vote vote : sim.votes()) {
      forA[Integer.parseInt(vote.pairId().substring(5))] += vote.aBetter() ? 1 : -1;
    }
    for (int p = 0; p < sim.truth().length; p++) {
      boolean a = quality.posteriorA().get("pair-" + p) > 0.5;
      dawidSkeneRight += a == sim.truth()[p] ? 1 : 0;
      // a tied majority is not right
      majorityRight += forA[p] != 0 && (forA[p] > 0) == sim.truth()[p] ? 1 : 0;
    }
    System.out.printf(
        "correct combined labels: Dawid–Skene %d, majority %d of %d%n",
        dawidSkeneRight, majorityRight, sim.truth().length);
    assertThat(dawidSkeneRight).isGreaterThan(majorityRight + sim.truth().length / 10);
  }

  @Test
  void confidenceIsHighWhereCarefulRatersAgreeAndAHalfWhereOnlyTheAdversaryVoted() {
    List<Vote> votes = new ArrayList<>(simulate(800, 4, 3).votes());
    votes.add(new Vote("only-adversary", "adversary", true));
    RaterQuality quality = new DawidSkene(0.5, 1).fit(votes);
    assertThat(quality.confidence("only-adversary")).isEqualTo(0.5);
    assertThat(quality.confidence("pair-0")).isBetween(0.5, 1.0);
    assertThatThrownBy(() -> quality.confidence("never-rated")).hasMessageContaining("no votes");
  }

  @Test
  void aRaterWithFewerVotesThanTheMinimumIsNeverExcluded() {
    List<Vote> votes = new ArrayList<>(simulate(300, 3, 23).votes());
    votes.removeIf(
        v -> v.raterId().equals("adversary") && Integer.parseInt(v.pairId().substring(5)) >= 40);
    long adversaryVotes = votes.stream().filter(v -> v.raterId().equals("adversary")).count();
    assertThat(new DawidSkene(0.5, (int) adversaryVotes + 1).fit(votes).excluded()).isEmpty();
    assertThat(new DawidSkene(0.5, (int) adversaryVotes).fit(votes).excluded())
        .containsExactly("adversary");
  }

  @Test
  void theSameVotesInAnyOrderGiveTheSameResult() {
    List<Vote> votes = new ArrayList<>(simulate(500, 3, 11).votes());
    RaterQuality first = new DawidSkene(0.5, 1).fit(votes);
    Collections.shuffle(votes, new Random(99));
    RaterQuality second = new DawidSkene(0.5, 1).fit(votes);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void refusesNoVotesAndAThresholdOutsideTheUnitInterval() {
    assertThatThrownBy(() -> new DawidSkene(0.5, 1).fit(List.of()))
        .hasMessageContaining("at least one vote");
    assertThatThrownBy(() -> new DawidSkene(1.0, 1)).hasMessageContaining("minAccuracy");
    assertThatThrownBy(() -> new DawidSkene(0.5, 0)).hasMessageContaining("minVotes");
    assertThatThrownBy(() -> new Vote("", "r", true)).hasMessageContaining("pair id");
  }
}
