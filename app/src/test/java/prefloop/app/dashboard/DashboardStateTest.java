package prefloop.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import prefloop.schemas.SampleMessages;
import prefloop.schemas.avro.LearnerMetrics;
import prefloop.schemas.avro.MergeInfo;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.ModelUpdate;
import prefloop.schemas.avro.PairScores;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.TimestepBinStats;

class DashboardStateTest {
  private final DashboardConfig config = DashboardConfig.defaults("127.0.0.1:9092");

  private static Preference preference(long version, Map<String, PairScores> scores) {
    return Preference.newBuilder(SampleMessages.preference(1))
        .setPolicyVersion(version)
        .setScores(scores)
        .build();
  }

  private static LearnerMetrics metrics(long step, Double drift, boolean frozen) {
    return LearnerMetrics.newBuilder()
        .setStep(step)
        .setPolicyVersion(step / 2)
        .setReferenceVersion(1)
        .setLoss(0.69 - 0.01 * step)
        .setImplicitAcc(0.5 + 0.01 * step)
        .setDrift(drift)
        .setFrozen(frozen)
        .setStalenessHistogram(List.of(2L, 1L, 1L))
        .setBins(List.of(new TimestepBinStats(0, 5L, 0.6, 0.1, 0.4, 1.2)))
        .setExtra(Map.of())
        .setCreatedAt(Instant.EPOCH)
        .build();
  }

  @Test
  void meanRewardIsPerModelAndPolicyVersionOverBothImages() {
    DashboardState state = new DashboardState(config, 0);
    state.onPreference(preference(1, Map.of("fidelity", new PairScores(0.2, 0.4))), 0);
    state.onPreference(preference(1, Map.of("fidelity", new PairScores(0.6, 0.8))), 0);
    state.onPreference(
        preference(
            2,
            Map.of(
                "fidelity",
                new PairScores(1.0, 0.0),
                "fidelity-heldout",
                new PairScores(3.0, 1.0))),
        0);

    JsonObject rewards = state.toJson(0).getJsonObject("rewards");

    assertThat(rewards.getJsonArray("versions").getList()).containsExactly(1L, 2L);
    JsonObject fidelity = rewards.getJsonArray("models").getJsonObject(0);
    assertThat(fidelity.getString("name")).isEqualTo("fidelity");
    assertThat(fidelity.getBoolean("heldOut")).isFalse();
    // v1: (0.2 + 0.4 + 0.6 + 0.8) / 4 = 0.5; v2: (1 + 0) / 2 = 0.5
    assertThat(fidelity.getJsonArray("mean").getDouble(0)).isCloseTo(0.5, within(1e-12));
    assertThat(fidelity.getJsonArray("mean").getDouble(1)).isCloseTo(0.5, within(1e-12));
    JsonObject heldOut = rewards.getJsonArray("models").getJsonObject(1);
    assertThat(heldOut.getBoolean("heldOut")).isTrue();
    assertThat(heldOut.getJsonArray("mean").getValue(0)).isNull();
    assertThat(heldOut.getJsonArray("mean").getDouble(1)).isEqualTo(2.0);
  }

  @Test
  void meanStalenessWeighsEachBucketByItsIndex() {
    // (0·2 + 1·1 + 2·1) / 4 = 0.75
    assertThat(DashboardState.meanStaleness(List.of(2L, 1L, 1L))).isEqualTo(0.75);
    assertThat(DashboardState.meanStaleness(List.of())).isNull();
  }

  @Test
  void learnerSeriesBinsAndEventsComeFromMetricsAndReferenceUpdates() {
    DashboardState state = new DashboardState(config, 0);
    state.onMetrics(metrics(1, null, false), 0);
    state.onMetrics(metrics(2, 0.001, false), 0);
    state.onMetrics(metrics(3, 0.009, true), 0);
    state.onModelUpdate(reference(2, 16, new MergeInfo(0.5, 0.002, false)));
    state.onModelUpdate(reference(3, 32, new MergeInfo(0.5, 0.009, true)));

    JsonObject json = state.toJson(0);

    JsonArray learner = json.getJsonArray("learner");
    assertThat(learner).hasSize(3);
    assertThat(learner.getJsonObject(2).getDouble("acc")).isCloseTo(0.53, within(1e-12));
    assertThat(learner.getJsonObject(2).getDouble("staleness")).isEqualTo(0.75);
    assertThat(learner.getJsonObject(0).getValue("drift")).isNull();
    assertThat(json.getJsonArray("bins").getJsonObject(0).getDouble("marginStd")).isEqualTo(0.4);
    assertThat(json.getJsonArray("events").stream().map(e -> ((JsonObject) e).getString("type")))
        .containsExactly("freeze", "merge", "freeze");
    assertThat(json.getLong("referenceVersion")).isEqualTo(3);
    assertThat(json.getBoolean("frozen")).isTrue();
  }

  @Test
  void historyIsBoundedAndUndecodableRecordsAreCounted() {
    DashboardConfig small =
        DashboardConfig.defaults("k:1")
            .withTopicPrefix("p.")
            .withPort(0)
            .withGridPrompts(1)
            .withGridSeeds(1)
            .withGridSteps(1)
            .withGridVersionsKept(1)
            .withGridMinInterval(Duration.ZERO)
            .withHistoryLimit(10)
            .withRewardDir(null);
    DashboardState state = new DashboardState(small, 0);
    for (int step = 1; step <= 25; step++) {
      state.onMetrics(metrics(step, null, false), 0);
    }
    state.onUndecodable("p.metrics");
    state.onUndecodable("p.metrics");

    JsonObject json = state.toJson(0);

    assertThat(json.getJsonArray("learner")).hasSize(10);
    assertThat(json.getJsonArray("learner").getJsonObject(0).getLong("step")).isEqualTo(16);
    assertThat(json.getJsonObject("totals").getJsonObject("undecodable").getLong("p.metrics"))
        .isEqualTo(2);
  }

  @Test
  void throughputIsSampledAtMostOncePerSecond() {
    DashboardState state = new DashboardState(config, 0);
    state.onPair(SampleMessages.generatedPair(1), 500);
    state.onPair(SampleMessages.generatedPair(2), 900);
    state.sampleThroughput(1_000);
    state.sampleThroughput(1_500);
    state.sampleThroughput(2_000);

    JsonArray throughput = state.toJson(2_000).getJsonArray("throughput");

    assertThat(throughput).hasSize(2);
    // 2 pairs in second 0 over a 10 s window
    assertThat(throughput.getJsonObject(0).getDouble("pairs")).isEqualTo(0.2);
  }

  private static ModelUpdate reference(long version, long step, MergeInfo merge) {
    return ModelUpdate.newBuilder(SampleMessages.modelUpdate(1))
        .setRole(ModelRole.REFERENCE)
        .setVersion(version)
        .setLearnerStep(step)
        .setMerge(merge)
        .build();
  }
}
