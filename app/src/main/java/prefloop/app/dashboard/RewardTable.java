package prefloop.app.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import prefloop.schemas.avro.PairScores;

/**
 * Mean reward per reward model and policy version: every scored image counts once, so a pair
 * sampled by version v adds {@code a} and {@code b} to model m's sum at v: {@code mean(v, m) = Σ (a
 * + b) / (2 · pairs)}. Keeps the {@code maxVersions} newest versions. Not thread-safe.
 */
final class RewardTable {
  private final int maxVersions;
  private final TreeMap<Long, Map<String, double[]>> byVersion = new TreeMap<>();
  private final TreeSet<String> models = new TreeSet<>();

  RewardTable(int maxVersions) {
    this.maxVersions = maxVersions;
  }

  /** Adds the scores of one rated pair sampled by {@code policyVersion}. */
  void add(long policyVersion, Map<String, PairScores> scores) {
    if (scores.isEmpty()) {
      return;
    }
    Map<String, double[]> sums = byVersion.computeIfAbsent(policyVersion, v -> new TreeMap<>());
    scores.forEach(
        (model, s) -> {
          double[] sum = sums.computeIfAbsent(model, m -> new double[2]);
          sum[0] += s.getA() + s.getB();
          sum[1] += 2;
          models.add(model);
        });
    while (byVersion.size() > maxVersions) {
      byVersion.pollFirstEntry();
    }
  }

  /** The mean reward of {@code model} at {@code version}, or NaN when it has no scores there. */
  double mean(long version, String model) {
    double[] sum = byVersion.getOrDefault(version, Map.of()).get(model);
    return sum == null ? Double.NaN : sum[0] / sum[1];
  }

  /**
   * {@code {"versions": [v...], "models": [{"name", "heldOut", "mean": [..., null where none]}]}}.
   */
  JsonObject toJson(Predicate<String> heldOut) {
    JsonArray versions = new JsonArray();
    byVersion.keySet().forEach(versions::add);
    JsonArray series = new JsonArray();
    for (String model : models) {
      JsonArray means = new JsonArray();
      for (long version : byVersion.keySet()) {
        double mean = mean(version, model);
        means.add(Double.isNaN(mean) ? null : mean);
      }
      series.add(
          new JsonObject()
              .put("name", model)
              .put("heldOut", heldOut.test(model))
              .put("mean", means));
    }
    return new JsonObject().put("versions", versions).put("models", series);
  }
}
