package prefloop.app.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.LearnerMetrics;
import prefloop.schemas.avro.MergeInfo;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.ModelUpdate;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.TimestepBinStats;

/**
 * What the dashboard knows, aggregated from the topics into bounded memory: reward per model and
 * policy version, the learner's step series (loss, implicit accuracy, drift, staleness), merge and
 * freeze events, the latest per-timestep-bin statistics and throughput. Written by the consumer
 * thread, read by the event loop: every method is synchronized.
 */
final class DashboardState {
  private static final int RATE_WINDOW_SECONDS = 10;

  private final DashboardConfig config;
  private final RewardTable rewards;
  private final ArrayDeque<JsonObject> steps = new ArrayDeque<>();
  private final ArrayDeque<JsonObject> events = new ArrayDeque<>();
  private final ArrayDeque<JsonObject> throughput = new ArrayDeque<>();
  private final RateWindow pairRate = new RateWindow(RATE_WINDOW_SECONDS);
  private final RateWindow preferenceRate = new RateWindow(RATE_WINDOW_SECONDS);
  private final RateWindow stepRate = new RateWindow(RATE_WINDOW_SECONDS);
  private final Map<String, Long> undecodable = new TreeMap<>();
  private final Map<String, Long> raterKinds = new TreeMap<>();
  private final long startedAt;
  private long pairs;
  private long preferences;
  private long learnerSteps;
  private long policyVersion = -1;
  private long referenceVersion = -1;
  private long learnerStep;
  private boolean frozen;
  private double driftDelta;
  private LearnerMetrics latest;
  private long lastThroughputSample = Long.MIN_VALUE;

  DashboardState(DashboardConfig config, long nowMillis) {
    this.config = config;
    this.rewards = new RewardTable(config.historyLimit());
    this.driftDelta = config.driftDelta();
    this.startedAt = nowMillis;
  }

  synchronized void onPair(GeneratedPair pair, long nowMillis) {
    pairs++;
    pairRate.add(nowMillis, 1);
    policyVersion = Math.max(policyVersion, pair.getPolicyVersion());
  }

  synchronized void onPreference(Preference preference, long nowMillis) {
    preferences++;
    preferenceRate.add(nowMillis, 1);
    rewards.add(preference.getPolicyVersion(), preference.getScores());
    raterKinds.merge(preference.getRater().getKind().name(), 1L, Long::sum);
  }

  synchronized void onMetrics(LearnerMetrics metrics, long nowMillis) {
    learnerSteps++;
    stepRate.add(nowMillis, 1);
    latest = metrics;
    learnerStep = Math.max(learnerStep, metrics.getStep());
    policyVersion = Math.max(policyVersion, metrics.getPolicyVersion());
    referenceVersion = Math.max(referenceVersion, metrics.getReferenceVersion());
    Double delta = metrics.getExtra().get("drift_delta");
    if (delta != null && delta > 0) {
      driftDelta = delta;
    }
    if (metrics.getFrozen() && !frozen) {
      append(events, event("freeze", metrics.getStep(), metrics.getReferenceVersion(), null));
      events.peekLast().put("drift", metrics.getDrift());
    }
    frozen = metrics.getFrozen();
    append(
        steps,
        new JsonObject()
            .put("step", metrics.getStep())
            .put("policyVersion", metrics.getPolicyVersion())
            .put("referenceVersion", metrics.getReferenceVersion())
            .put("loss", metrics.getLoss())
            .put("acc", metrics.getImplicitAcc())
            .put("margin", metrics.getRewardMarginMean())
            .put("drift", metrics.getDrift())
            .put("frozen", metrics.getFrozen())
            .put("staleness", meanStaleness(metrics.getStalenessHistogram())));
  }

  synchronized void onModelUpdate(ModelUpdate update) {
    if (update.getRole() == ModelRole.POLICY) {
      policyVersion = Math.max(policyVersion, update.getVersion());
      return;
    }
    referenceVersion = Math.max(referenceVersion, update.getVersion());
    MergeInfo merge = update.getMerge();
    if (merge != null) {
      String type = merge.getFrozen() ? "freeze" : "merge";
      JsonObject event = event(type, update.getLearnerStep(), update.getVersion(), merge);
      append(events, event);
    }
  }

  synchronized void onUndecodable(String topic) {
    undecodable.merge(topic, 1L, Long::sum);
  }

  /** Appends one throughput point (rates over the last seconds) at most once a second. */
  synchronized void sampleThroughput(long nowMillis) {
    if (lastThroughputSample != Long.MIN_VALUE && nowMillis - lastThroughputSample < 1000) {
      return;
    }
    lastThroughputSample = nowMillis;
    append(
        throughput,
        new JsonObject()
            .put("t", (nowMillis - startedAt) / 1000.0)
            .put("pairs", pairRate.rate(nowMillis))
            .put("preferences", preferenceRate.rate(nowMillis))
            .put("steps", stepRate.rate(nowMillis)));
  }

  /**
   * Mean staleness in policy versions, {@code Σ i·h_i / Σ h_i}; the last bucket counts "that many
   * or more", so this is a lower bound when it is not empty. Null for an empty histogram.
   */
  static Double meanStaleness(List<Long> histogram) {
    long count = 0;
    double weighted = 0;
    for (int i = 0; i < histogram.size(); i++) {
      count += histogram.get(i);
      weighted += (double) i * histogram.get(i);
    }
    return count == 0 ? null : weighted / count;
  }

  /** The whole state as JSON, for {@code /api/state} and the event stream. */
  synchronized JsonObject toJson(long nowMillis) {
    JsonObject totals =
        new JsonObject()
            .put("pairs", pairs)
            .put("preferences", preferences)
            .put("learnerSteps", learnerSteps)
            .put("undecodable", new JsonObject(Map.copyOf(undecodable)))
            .put("raterKinds", new JsonObject(Map.copyOf(raterKinds)));
    JsonObject rates =
        new JsonObject()
            .put("pairs", pairRate.rate(nowMillis))
            .put("preferences", preferenceRate.rate(nowMillis))
            .put("steps", stepRate.rate(nowMillis));
    return new JsonObject()
        .put("now", nowMillis)
        .put("policyVersion", policyVersion)
        .put("referenceVersion", referenceVersion)
        .put("learnerStep", learnerStep)
        .put("frozen", frozen)
        .put("driftDelta", driftDelta)
        .put("totals", totals)
        .put("rates", rates)
        .put("rewards", rewards.toJson(config::isHeldOut))
        .put("learner", new JsonArray(List.copyOf(steps)))
        .put("events", new JsonArray(List.copyOf(events)))
        .put("throughput", new JsonArray(List.copyOf(throughput)))
        .put("bins", bins())
        .put("staleness", staleness());
  }

  private JsonArray bins() {
    JsonArray bins = new JsonArray();
    if (latest != null) {
      for (TimestepBinStats b : latest.getBins()) {
        bins.add(
            new JsonObject()
                .put("bin", b.getBin())
                .put("count", b.getCount())
                .put("acc", b.getImplicitAcc())
                .put("marginMean", b.getMarginMean())
                .put("marginStd", b.getMarginStd())
                .put("weight", b.getWeight()));
      }
    }
    return bins;
  }

  private JsonObject staleness() {
    List<Long> histogram = latest == null ? List.of() : latest.getStalenessHistogram();
    return new JsonObject()
        .put("histogram", new JsonArray(List.copyOf(histogram)))
        .put("mean", meanStaleness(histogram));
  }

  private static JsonObject event(String type, long step, long version, MergeInfo merge) {
    JsonObject event = new JsonObject().put("type", type).put("step", step).put("version", version);
    if (merge != null) {
      event.put("alpha", merge.getAlpha()).put("drift", merge.getDrift());
    }
    return event;
  }

  private void append(ArrayDeque<JsonObject> series, JsonObject point) {
    series.addLast(point);
    while (series.size() > config.historyLimit()) {
      series.removeFirst();
    }
  }
}
