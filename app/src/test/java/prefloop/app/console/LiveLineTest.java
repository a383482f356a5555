package prefloop.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveLineTest {

  @Test
  void showsStepVersionsNewestRewardsAccuracyDriftRateAndStaleness() {
    JsonObject state =
        new JsonObject()
            .put("learnerStep", 42)
            .put("policyVersion", 2)
            .put("referenceVersion", 1)
            .put("driftDelta", 0.1)
            .put("frozen", false)
            .put(
                "rewards",
                new JsonObject()
                    .put("versions", new JsonArray().add(0).add(1).add(2))
                    .put(
                        "models",
                        new JsonArray()
                            .add(model("fidelity", -1.5, -1.3, null))
                            .add(model("aesthetic", 0.2, 0.3, 0.41))))
            .put(
                "learner",
                new JsonArray().add(new JsonObject().put("acc", 0.6875).put("drift", 0.0123)))
            .put("rates", new JsonObject().put("pairs", 1.14))
            .put("staleness", new JsonObject().put("mean", 0.4));

    assertThat(LiveLine.of(state))
        .isEqualTo(
            "step 42 · policy v2 ref v1 · aesthetic 0.41 fidelity -1.30 · acc 0.69"
                + " · D 1.2e-02/δ 1.0e-01 · 1.1 pairs/s · stale 0.4");
  }

  @Test
  void showsTheNewestWinRateVsBaseOfTheTrainingAndHeldOutModels() {
    JsonObject state =
        new JsonObject()
            .put("learnerStep", 120)
            .put("policyVersion", 12)
            .put(
                "learningCurve",
                new JsonArray()
                    .add(point(0, 0.5, 0.5))
                    .add(point(8, 0.55, 0.52))
                    .add(point(12, 0.6312, 0.5788)));

    assertThat(LiveLine.of(state))
        .startsWith("step 120 · policy v12 ref v– · win v12 0.63 (held-out 0.58) · acc –");
  }

  @Test
  void aCurveWithoutHeldOutModelsShowsTheTrainingMeanOnly() {
    JsonObject state =
        new JsonObject().put("learningCurve", new JsonArray().add(point(3, 0.25, null)));

    assertThat(LiveLine.of(state)).contains(" · win v3 0.25 · acc –");
  }

  @Test
  void anEmptyStateShowsDashesNotErrors() {
    assertThat(LiveLine.of(new JsonObject()))
        .isEqualTo("step 0 · policy v– ref v– · acc – · D –/δ – · – pairs/s · stale –");
  }

  @Test
  void theSummaryComparesTheFirstRewardWithTheNewest() {
    JsonObject last =
        new JsonObject()
            .put("learnerStep", 10)
            .put(
                "rewards",
                new JsonObject()
                    .put("versions", new JsonArray().add(0).add(3))
                    .put(
                        "models",
                        new JsonArray()
                            .add(model("fidelity", -1.5, -1.0))
                            .add(model("aesthetic", null, 0.25))));

    assertThat(RunSummary.of(Map.of("aesthetic", 0.2), last))
        .contains("learner step 10")
        .contains("policy v0 (start) and v3 (now)")
        .contains("fidelity             start  -1.5000  now  -1.0000  change  +0.5000")
        .contains("aesthetic            start   0.2000  now   0.2500  change  +0.0500");
  }

  private static JsonObject point(long version, Double training, Double heldOut) {
    return new JsonObject()
        .put("version", version)
        .put("models", new JsonObject())
        .put("trainingMean", training)
        .put("heldOutMean", heldOut);
  }

  private static JsonObject model(String name, Double... means) {
    JsonArray values = new JsonArray();
    for (Double mean : means) {
      values.add(mean);
    }
    return new JsonObject().put("name", name).put("heldOut", false).put("mean", values);
  }
}
