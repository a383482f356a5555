package prefloop.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import prefloop.app.dashboard.GridScorer.GridScores;

/** Win rates against the base per policy version, checked against numbers worked out by hand. */
class LearningCurveTest {
  private static final Set<String> HELD_OUT = Set.of("fidelity-heldout", "attributes");

  private static final GridScores BASE =
      scores(
          new double[] {1, 2, 3, 4},
          new double[] {0, 0, 0, 0},
          new double[] {0.1, 0.2, 0.3, 0.4},
          new double[] {1, 1, 1, 1});

  // Against BASE, image by image: fidelity win, tie, loss, win → 2.5 / 4; aesthetic 4 wins;
  // fidelity-heldout win, loss, win, win → 3 / 4; attributes loss, loss, tie, tie → 1 / 4.
  private static final GridScores VERSION_3 =
      scores(
          new double[] {2, 2, 1, 5},
          new double[] {1, 1, 1, 1},
          new double[] {0.2, 0.1, 0.4, 0.5},
          new double[] {0, 0, 1, 1});

  @Test
  void ratesStandardErrorsAndMeansOfAVersionAgainstTheBase() {
    LearningCurve curve = new LearningCurve(100);

    curve.record(0, BASE);
    curve.record(3, VERSION_3);

    LearningCurve.Point point = curve.latest().orElseThrow();
    assertThat(point.version()).isEqualTo(3);
    // SE = √(Σ (o_i − rate)² / (n (n − 1))), n = 4
    assertRate(point, "fidelity", 0.625, Math.sqrt(0.6875 / 12));
    assertRate(point, "aesthetic", 1.0, 0.0);
    assertRate(point, "fidelity-heldout", 0.75, Math.sqrt(0.75 / 12));
    assertRate(point, "attributes", 0.25, Math.sqrt(0.25 / 12));
    assertThat(point.trainingMean()).isCloseTo((0.625 + 1.0) / 2, within(1e-12));
    assertThat(point.heldOutMean()).isCloseTo((0.75 + 0.25) / 2, within(1e-12));
    assertThat(point.rates().get("fidelity").ties()).isEqualTo(1);
  }

  @Test
  void theBaseIsItsOwnFirstPointAtOneHalfEverywhere() {
    LearningCurve curve = new LearningCurve(100);

    curve.record(0, BASE);

    LearningCurve.Point base = curve.points().get(0);
    assertThat(base.version()).isZero();
    assertThat(base.rates().values()).allMatch(r -> r.rate() == 0.5 && r.standardError() == 0);
    assertThat(base.trainingMean()).isEqualTo(0.5);
    assertThat(base.heldOutMean()).isEqualTo(0.5);
  }

  @Test
  void versionsScoredBeforeTheBaseWaitForItAndComeOutInVersionOrder() {
    LearningCurve curve = new LearningCurve(100);

    curve.record(5, VERSION_3);
    curve.record(2, BASE);
    assertThat(curve.points()).isEmpty();
    curve.record(0, BASE);
    curve.record(7, VERSION_3);

    assertThat(curve.points())
        .extracting(LearningCurve.Point::version)
        .containsExactly(0L, 2L, 5L, 7L);
    assertThat(curve.points().get(1).trainingMean()).isEqualTo(0.5);
    assertThat(curve.points().get(2).trainingMean()).isCloseTo(0.8125, within(1e-12));
  }

  @Test
  void aVersionIsScoredOnceAndTheBaseStaysWhenOldVersionsAreDropped() {
    LearningCurve curve = new LearningCurve(3);

    curve.record(0, BASE);
    curve.record(1, VERSION_3);
    curve.record(1, BASE);
    assertThat(curve.latest().orElseThrow().trainingMean()).isCloseTo(0.8125, within(1e-12));
    for (long v = 2; v <= 5; v++) {
      curve.record(v, BASE);
    }

    assertThat(curve.points()).extracting(LearningCurve.Point::version).containsExactly(0L, 4L, 5L);
  }

  @Test
  void jsonHasVersionPerModelRateSeHeldOutAndBothMeans() {
    LearningCurve curve = new LearningCurve(100);
    Map<String, double[]> trainingOnly = new LinkedHashMap<>();
    trainingOnly.put("fidelity", new double[] {1, 2});
    curve.record(0, new GridScores(trainingOnly, Set.of()));
    trainingOnly.put("fidelity", new double[] {2, 2});
    curve.record(4, new GridScores(trainingOnly, Set.of()));

    JsonObject newest = curve.toJson().getJsonObject(1);

    assertThat(newest.getLong("version")).isEqualTo(4);
    JsonObject fidelity = newest.getJsonObject("models").getJsonObject("fidelity");
    assertThat(fidelity.getDouble("rate")).isEqualTo(0.75);
    assertThat(fidelity.getDouble("se")).isCloseTo(0.25, within(1e-12));
    assertThat(fidelity.getBoolean("heldOut")).isFalse();
    assertThat(newest.getDouble("trainingMean")).isEqualTo(0.75);
    assertThat(newest.containsKey("heldOutMean")).isTrue();
    assertThat(newest.getValue("heldOutMean")).isNull();
  }

  private static void assertRate(LearningCurve.Point point, String model, double rate, double se) {
    assertThat(point.rates().get(model).rate()).as(model).isCloseTo(rate, within(1e-12));
    assertThat(point.rates().get(model).standardError()).as(model).isCloseTo(se, within(1e-12));
    assertThat(point.heldOut().get(model)).as(model).isEqualTo(HELD_OUT.contains(model));
  }

  private static GridScores scores(
      double[] fidelity, double[] aesthetic, double[] fidelityHeldOut, double[] attributes) {
    Map<String, double[]> byModel = new LinkedHashMap<>();
    byModel.put("fidelity", fidelity);
    byModel.put("aesthetic", aesthetic);
    byModel.put("fidelity-heldout", fidelityHeldOut);
    byModel.put("attributes", attributes);
    return new GridScores(byModel, HELD_OUT);
  }
}
