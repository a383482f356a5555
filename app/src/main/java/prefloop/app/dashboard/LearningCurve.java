package prefloop.app.dashboard;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import prefloop.app.dashboard.GridScorer.GridScores;
import prefloop.evaluation.WinRate;

/**
 * The learning curve a user can watch: per policy version, the win rate of its grid images against
 * the base's (version 0) under every reward model, image by image with the same prompt and seed
 * (deterministic DDIM, so only the weights differ), ties counting half ({@link WinRate}):
 *
 * <pre>
 *   rate_m(v) = (1/n) Σ_i win(s_m,i(v), s_m,i(0)),   se_m(v) = √(Σ_i (win_i − rate)² / (n (n − 1)))
 *   training(v) = mean of rate_m(v) over the training models, heldOut(v) likewise over held-out ones
 * </pre>
 *
 * The base itself scores exactly ½ everywhere. Versions scored before the base wait for it. Keeps
 * the base and the {@code maxPoints} − 1 newest versions. Written by a grid worker, read by the
 * event loop: every method is synchronized.
 */
final class LearningCurve {
  static final long BASE_VERSION = 0;

  /**
   * One version's win rates against the base.
   *
   * @param version the policy version
   * @param rates per reward model, in panel order
   * @param heldOut per reward model, whether it is held out
   * @param trainingMean mean rate of the training models, NaN when there are none
   * @param heldOutMean mean rate of the held-out models, NaN when there are none
   */
  record Point(
      long version,
      Map<String, WinRate> rates,
      Map<String, Boolean> heldOut,
      double trainingMean,
      double heldOutMean) {}

  private final int maxPoints;
  private final TreeMap<Long, GridScores> waiting = new TreeMap<>();
  private final TreeMap<Long, Point> points = new TreeMap<>();
  private GridScores base;

  LearningCurve(int maxPoints) {
    if (maxPoints < 2) {
      throw new IllegalArgumentException("a learning curve keeps >= 2 points, got " + maxPoints);
    }
    this.maxPoints = maxPoints;
  }

  /**
   * Adds the scores of {@code version}'s grid; a version already on the curve (or waiting for the
   * base) is ignored.
   */
  synchronized void record(long version, GridScores scores) {
    if (version < BASE_VERSION || points.containsKey(version) || waiting.containsKey(version)) {
      return;
    }
    if (version != BASE_VERSION && base == null) {
      waiting.put(version, scores);
      return;
    }
    if (version == BASE_VERSION) {
      base = scores;
      add(version, scores);
      waiting.forEach(this::add);
      waiting.clear();
    } else {
      add(version, scores);
    }
    while (points.size() > maxPoints) {
      points.remove(points.higherKey(BASE_VERSION));
    }
  }

  private void add(long version, GridScores scores) {
    Map<String, WinRate> rates = new LinkedHashMap<>();
    Map<String, Boolean> heldOut = new LinkedHashMap<>();
    scores
        .byModel()
        .forEach(
            (model, values) -> {
              double[] baseline = base.byModel().get(model);
              if (baseline != null) {
                rates.put(model, WinRate.of(values, baseline));
                heldOut.put(model, scores.heldOut().contains(model));
              }
            });
    points.put(
        version,
        new Point(
            version, rates, heldOut, mean(rates, heldOut, false), mean(rates, heldOut, true)));
  }

  private static double mean(
      Map<String, WinRate> rates, Map<String, Boolean> heldOut, boolean wanted) {
    double sum = 0;
    int n = 0;
    for (Map.Entry<String, WinRate> e : rates.entrySet()) {
      if (heldOut.get(e.getKey()) == wanted) {
        sum += e.getValue().rate();
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** The points, oldest version first. */
  synchronized List<Point> points() {
    return new ArrayList<>(points.values());
  }

  /** The point of {@code version}, if it is on the curve. */
  synchronized Optional<Point> point(long version) {
    return Optional.ofNullable(points.get(version));
  }

  /** The newest point, if any. */
  synchronized Optional<Point> latest() {
    return points.isEmpty() ? Optional.empty() : Optional.of(points.lastEntry().getValue());
  }

  /**
   * {@code [{"version", "models": {name: {"rate", "se", "heldOut"}}, "trainingMean",
   * "heldOutMean"}]}, oldest version first; a mean with no model is null.
   */
  synchronized JsonArray toJson() {
    JsonArray curve = new JsonArray();
    for (Point p : points.values()) {
      JsonObject models = new JsonObject();
      p.rates()
          .forEach(
              (model, rate) ->
                  models.put(
                      model,
                      new JsonObject()
                          .put("rate", rate.rate())
                          .put("se", rate.standardError())
                          .put("heldOut", p.heldOut().get(model))));
      curve.add(
          new JsonObject()
              .put("version", p.version())
              .put("models", models)
              .put("trainingMean", orNull(p.trainingMean()))
              .put("heldOutMean", orNull(p.heldOutMean())));
    }
    return curve;
  }

  private static Double orNull(double value) {
    return Double.isNaN(value) ? null : value;
  }
}
