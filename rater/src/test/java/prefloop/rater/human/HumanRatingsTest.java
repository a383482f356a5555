package prefloop.rater.human;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import prefloop.rater.TestPairs;
import prefloop.rater.quality.GoldPair;
import prefloop.rater.quality.RenderedGoldPairs;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.PreferenceLabel;
import prefloop.world.AttributeChecker;
import prefloop.world.PngCodec;
import prefloop.world.Prompt;
import prefloop.world.PromptGrammar;
import prefloop.world.RgbImage;

class HumanRatingsTest {
  /** No gold, and pairs stay on the page however many people labelled them. */
  private static final HumanPolicy EVERYONE_RATES_EVERYTHING =
      new HumanPolicy(HumanPolicy.Mode.FRACTION, 1.0, 100, 0, 100, 1.0, false);

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

  /** Ratings on {@code pairs} with a rate limit no test reaches, and no gold. */
  private HumanRatings unhurried(HumanQueue pairs) {
    return new HumanRatings(
        pairs,
        new RateLimiter(1000, nanos::get),
        Duration.ofSeconds(5),
        Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
  }

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
    HumanQueue many = new HumanQueue(EVERYONE_RATES_EVERYTHING, 3);
    HumanRatings rated = unhurried(many);
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

  private HumanRatings withGold(HumanQueue pairs, double rate) {
    return new HumanRatings(
        pairs,
        new RateLimiter(100_000, nanos::get),
        Duration.ofSeconds(5),
        Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
        new RenderedGoldPairs(7),
        rate,
        7);
  }

  @Test
  void goldPairsAreServedAtTheGoldRate() {
    HumanRatings rated = withGold(queue, 0.05);
    int gold = 0;
    int n = 4000;
    for (int i = 0; i < n; i++) {
      Optional<HumanTask> task = rated.next("ann");
      gold += task.isPresent() && task.get().pairId().startsWith("gold-") ? 1 : 0;
    }
    // 4000 draws: one standard error is 0.0034
    assertThat(gold / (double) n).isCloseTo(0.05, within(0.012));
    assertThat(withGold(queue, 0.05).next("bob")).isEqualTo(withGold(queue, 0.05).next("bob"));
  }

  @Test
  void goldAnswersScoreEachRaterAndAreNeverPublished() {
    HumanRatings rated = withGold(queue, 0.5);
    List<HumanLabel> published = new ArrayList<>();
    int goldServed = 0;
    for (int i = 0; i < 200 && goldServed < 30; i++) {
      HumanTask task = rated.next("ann").orElse(null);
      if (task == null || !task.pairId().startsWith("gold-")) {
        continue;
      }
      goldServed++;
      // the clean image is the one the model-label slot of a gold task names
      boolean cleanLeft = (task.modelLabel() == PreferenceLabel.A) != task.swapped();
      Choice right = cleanLeft ? Choice.LEFT : Choice.RIGHT;
      Choice wrong = cleanLeft ? Choice.RIGHT : Choice.LEFT;
      published.addAll(rated.label("ann", task.pairId(), right).publish());
      published.addAll(rated.label("eve", task.pairId(), wrong).publish());
      assertThat(rated.label("ann", task.pairId(), right).status()).isEqualTo(409);
    }
    published.addAll(rated.flushAll());

    assertThat(goldServed).isEqualTo(30);
    assertThat(published).isEmpty();
    HumanRatings.RaterStats ann = rated.stats().get("ann");
    HumanRatings.RaterStats eve = rated.stats().get("eve");
    assertThat(ann.goldSeen()).isEqualTo(30);
    assertThat(ann.goldCorrect()).isEqualTo(30);
    assertThat(eve.goldCorrect()).isZero();
    assertThat(ann.estimatedAccuracy()).isGreaterThan(0.9);
    assertThat(eve.estimatedAccuracy()).isLessThan(0.1);
    assertThat(eve.excluded()).isTrue();
  }

  @Test
  void aPersonSeesTheirOwnGoldScoreOnlyWhenThePolicyShowsIt() {
    HumanPolicy shown = new HumanPolicy(HumanPolicy.Mode.FRACTION, 1.0, 100, 0.5, 3, 0.95, true);
    HumanRatings rated =
        new HumanRatings(
            new HumanQueue(shown, 3),
            new RateLimiter(1000, nanos::get),
            Duration.ofSeconds(5),
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            new RenderedGoldPairs(7),
            0.5,
            7);
    HumanTask gold = null;
    for (int i = 0; i < 50 && gold == null; i++) {
      gold = rated.next("ann").filter(t -> t.pairId().startsWith("gold-")).orElse(null);
    }
    boolean cleanLeft = (gold.modelLabel() == PreferenceLabel.A) != gold.swapped();
    rated.label("ann", gold.pairId(), cleanLeft ? Choice.LEFT : Choice.RIGHT);
    assertThat(rated.progress("ann")).isEqualTo(new HumanRatings.Progress(0, 1, 1));
    assertThat(ratings.progress("ann")).isEqualTo(new HumanRatings.Progress(0, null, null));
  }

  @Test
  void aGoldPairShowsACleanRenderAgainstAVisiblyDegradedOne() {
    GoldPair pair = new RenderedGoldPairs(3).make(5);
    assertThat(pair.pair().getPairId()).isEqualTo("gold-5");
    assertThat(pair.pair().getImages()).hasSize(2);
    assertThat(new RenderedGoldPairs(3).make(5)).isEqualTo(pair);
    RgbImage clean =
        PngCodec.decode(pair.pair().getImages().get(pair.aBetter() ? 0 : 1).getPng().array())
            .image();
    RgbImage degraded =
        PngCodec.decode(pair.pair().getImages().get(pair.aBetter() ? 1 : 0).getPng().array())
            .image();
    Prompt prompt = new PromptGrammar().parse(pair.pair().getPrompt());
    assertThat(new AttributeChecker().check(prompt, clean).score()).isEqualTo(1.0);
    double difference = 0;
    for (int i = 0; i < clean.data().length; i++) {
      difference += Math.abs(clean.data()[i] - degraded.data()[i]) / clean.data().length;
    }
    assertThat(difference).as("mean absolute pixel difference").isGreaterThan(0.01);
  }

  @Test
  void peopleWhoAlwaysAgreeHaveAlphaAndKappaOneAndAContrarianBringsAlphaDown() {
    HumanQueue many = new HumanQueue(EVERYONE_RATES_EVERYTHING, 3);
    HumanRatings rated = unhurried(many);
    for (int i = 0; i < 6; i++) {
      many.offer(TestPairs.pair("r" + i, "prompt", X, X), 0.5, PreferenceLabel.A);
      Choice side = i % 2 == 0 ? Choice.LEFT : Choice.RIGHT;
      rated.label("ann", "r" + i, side);
      rated.label("bob", "r" + i, side);
    }
    PeopleAgreement agreeing = rated.peopleAgreement();
    assertThat(agreeing.alpha()).isEqualTo(1.0);
    assertThat(agreeing.pairs()).isEqualTo(6);
    assertThat(agreeing.kappas())
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.kappa()).isEqualTo(1.0);
              assertThat(k.shared()).isEqualTo(6);
            });
    for (int i = 0; i < 6; i++) {
      rated.label("eve", "r" + i, i % 2 == 0 ? Choice.RIGHT : Choice.LEFT);
    }
    PeopleAgreement withEve = rated.peopleAgreement();
    assertThat(withEve.alpha()).isLessThan(0.0);
    assertThat(withEve.kappas())
        .filteredOn(k -> k.second().equals("eve"))
        .allSatisfy(k -> assertThat(k.kappa()).isEqualTo(-1.0));
  }

  @Test
  void aPairLeavesThePageAfterOverlapPeopleOrOnceTwoAgreeConfidently() {
    HumanQueue two =
        new HumanQueue(new HumanPolicy(HumanPolicy.Mode.FRACTION, 1.0, 100, 0, 2, 1.0, false), 3);
    HumanRatings rated = unhurried(two);
    two.offer(TestPairs.pair("o1", "prompt", X, X), 0.5, PreferenceLabel.A);
    rated.label("ann", "o1", Choice.LEFT);
    assertThat(rated.next("cy")).map(HumanTask::pairId).contains("o1");
    rated.label("bob", "o1", Choice.RIGHT);
    assertThat(rated.next("cy")).isEmpty();
    assertThat(rated.label("cy", "o1", Choice.LEFT).status()).isEqualTo(404);
    assertThat(rated.settled()).isEqualTo(1);

    HumanQueue confident =
        new HumanQueue(new HumanPolicy(HumanPolicy.Mode.FRACTION, 1.0, 100, 0, 5, 0.9, false), 3);
    HumanRatings sure = unhurried(confident);
    for (String id : List.of("agreed", "disputed")) {
      confident.offer(TestPairs.pair(id, "prompt", X, X), 0.5, PreferenceLabel.A);
    }
    Choice forA = confident.get("agreed").orElseThrow().swapped() ? Choice.RIGHT : Choice.LEFT;
    sure.label("ann", "agreed", forA);
    sure.label("bob", "agreed", forA);
    HumanTask disputed = confident.get("disputed").orElseThrow();
    sure.label("ann", "disputed", Choice.LEFT);
    sure.label("bob", "disputed", Choice.RIGHT);
    assertThat(confident.get("agreed")).as("two people and the models agree").isEmpty();
    assertThat(confident.get("disputed")).as("two people disagree").contains(disputed);
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
