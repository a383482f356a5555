package prefloop.rater.human;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import prefloop.rater.TestPairs;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.PreferenceLabel;
import prefloop.world.RgbImage;

class HumanRatingsTest {
  private static final RgbImage X = RgbImage.filled(4, 4, new float[] {0.5f, 0.5f, 0.5f});
  private final AtomicLong nanos = new AtomicLong();
  private final HumanQueue queue =
      new HumanQueue(new HumanPolicy(HumanPolicy.Mode.FRACTION, 1.0, 10), 3);
  private final HumanRatings ratings =
      new HumanRatings(
          queue,
          new RateLimiter(3, nanos::get),
          Duration.ofSeconds(5),
          Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

  private GeneratedPair offer(String id, PreferenceLabel model) {
    GeneratedPair pair = TestPairs.pair(id, "prompt", X, X);
    assertThat(queue.offer(pair, 0.5, model)).isTrue();
    return pair;
  }

  @Test
  void sidesMapToLabelsThroughThePairsSwap() {
    offer("p1", PreferenceLabel.A);
    HumanTask task = queue.get("p1").orElseThrow();
    assertThat(task.labelFor(Choice.LEFT))
        .isEqualTo(task.swapped() ? PreferenceLabel.B : PreferenceLabel.A);
    assertThat(task.labelFor(Choice.RIGHT))
        .isEqualTo(task.swapped() ? PreferenceLabel.A : PreferenceLabel.B);
  }

  @Test
  void unknownRepeatedAndTooFastLabelsAreRefusedWithReasons() {
    offer("p1", PreferenceLabel.A);
    offer("p2", PreferenceLabel.A);
    offer("p3", PreferenceLabel.A);
    offer("p4", PreferenceLabel.A);
    assertThat(ratings.label("ann", "nope", Choice.LEFT).status()).isEqualTo(404);
    assertThat(ratings.label("ann", "p1", Choice.LEFT).status()).isEqualTo(200);
    assertThat(ratings.label("ann", "p1", Choice.RIGHT).status()).isEqualTo(409);
    assertThat(ratings.label("ann", "p2", Choice.TIE).status()).isEqualTo(200);
    assertThat(ratings.label("ann", "p3", Choice.TIE).status()).isEqualTo(200);
    assertThat(ratings.label("ann", "p4", Choice.TIE).status()).isEqualTo(429);
    nanos.set(Duration.ofSeconds(20).toNanos());
    assertThat(ratings.label("ann", "p4", Choice.TIE).status()).isEqualTo(200);
    assertThat(ratings.label("<script>", "p4", Choice.TIE).status()).isEqualTo(400);
  }

  @Test
  void aPendingLabelCanBeUndoneAndIsPublishedByTheNextOne() {
    offer("p1", PreferenceLabel.A);
    offer("p2", PreferenceLabel.A);
    assertThat(ratings.label("ann", "p1", Choice.LEFT).publish()).isEmpty();
    assertThat(ratings.undo("ann").status()).isEqualTo(200);
    assertThat(ratings.undo("ann").status()).isEqualTo(409);
    assertThat(ratings.next("ann").orElseThrow().pairId()).isEqualTo("p1");
    ratings.label("ann", "p1", Choice.LEFT);
    LabelOutcome second = ratings.label("ann", "p2", Choice.LEFT);
    assertThat(second.publish()).extracting(l -> l.task().pairId()).containsExactly("p1");
    assertThat(ratings.next("ann")).isEmpty();
  }

  @Test
  void agreementCountsModelAndOtherPeople() {
    offer("p1", PreferenceLabel.A);
    HumanTask task = queue.get("p1").orElseThrow();
    Choice forA = task.swapped() ? Choice.RIGHT : Choice.LEFT;
    Choice forB = task.swapped() ? Choice.LEFT : Choice.RIGHT;
    ratings.label("ann", "p1", forA);
    ratings.label("bob", "p1", forB);
    ratings.label("cy", "p1", forA);
    HumanRatings.RaterStats ann = ratings.stats().get("ann");
    assertThat(ann.modelAgreement()).isEqualTo(1.0);
    assertThat(ann.humanAgreement()).isEqualTo(0.5);
    assertThat(ratings.stats().get("bob").modelAgreement()).isEqualTo(0.0);
  }

  @Test
  void aRaterWhoAlwaysContradictsEveryoneIsExcludedAndTheOthersLabelsCarryTheirAccuracy() {
    HumanQueue many = new HumanQueue(new HumanPolicy(HumanPolicy.Mode.FRACTION, 1.0, 100), 3);
    HumanRatings rated =
        new HumanRatings(
            many,
            new RateLimiter(1000, nanos::get),
            Duration.ofSeconds(5),
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    int pairs = HumanRatings.MIN_LABELS_TO_EXCLUDE + 10;
    List<HumanLabel> released = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      assertThat(many.offer(TestPairs.pair("q" + i, "prompt", X, X), 0.5, PreferenceLabel.A))
          .isTrue();
      HumanTask task = many.get("q" + i).orElseThrow();
      Choice forA = task.swapped() ? Choice.RIGHT : Choice.LEFT;
      Choice forB = task.swapped() ? Choice.LEFT : Choice.RIGHT;
      released.addAll(rated.label("ann", "q" + i, forA).publish());
      released.addAll(rated.label("cy", "q" + i, forA).publish());
      released.addAll(rated.label("eve", "q" + i, forB).publish());
    }
    released.addAll(rated.flushAll());

    Map<String, HumanRatings.RaterStats> stats = rated.stats();
    assertThat(stats.get("ann").estimatedAccuracy()).isGreaterThan(0.9);
    assertThat(stats.get("ann").excluded()).isFalse();
    assertThat(stats.get("eve").estimatedAccuracy()).isLessThan(0.1);
    assertThat(stats.get("eve").excluded()).isTrue();
    // eve's labels were released (with a low confidence) until she had enough of them to be judged
    assertThat(stats.get("eve").withheld()).isBetween(1, pairs - 1);
    HumanLabel lastOfAnn =
        released.stream().filter(l -> l.rater().equals("ann")).reduce((a, b) -> b).orElseThrow();
    assertThat(lastOfAnn.confidence()).isEqualTo(stats.get("ann").estimatedAccuracy());
    assertThat(released.stream().filter(l -> l.rater().equals("eve")))
        .allSatisfy(l -> assertThat(l.confidence()).isLessThan(0.5));
  }

  @Test
  void uncertainPolicyKeepsTheSmallestMargins() {
    HumanQueue uncertain = new HumanQueue(new HumanPolicy(HumanPolicy.Mode.UNCERTAIN, 0, 2), 1);
    uncertain.offer(TestPairs.pair("a", "p", X, X), 3.0, PreferenceLabel.A);
    uncertain.offer(TestPairs.pair("b", "p", X, X), -0.1, PreferenceLabel.B);
    uncertain.offer(TestPairs.pair("c", "p", X, X), 0.5, PreferenceLabel.A);
    assertThat(uncertain.get("a")).isEmpty();
    assertThat(uncertain.next(t -> true).orElseThrow().pairId()).isEqualTo("b");
    assertThat(uncertain.offer(TestPairs.pair("d", "p", X, X), 2.0, PreferenceLabel.A)).isFalse();
  }
}
