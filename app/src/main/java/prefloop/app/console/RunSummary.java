package prefloop.app.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end-of-run report of {@code up}: learner step and versions reached, and per reward model the
 * mean reward of the oldest policy version still in the dashboard's history (the base, version 0,
 * unless the run was long) against the newest one. A model with no score there falls back to the
 * first value the console saw.
 */
public final class RunSummary {

  private RunSummary() {}

  /**
   * @param first the first mean reward seen per model ({@link LoopConsole#firstRewards()})
   * @param last the dashboard state at the end of the run
   */
  public static String of(Map<String, Double> first, JsonObject last) {
    StringBuilder text = new StringBuilder("summary: ");
    text.append(
        String.format(
            Locale.ROOT,
            "learner step %d, policy v%d, reference v%d, %d pairs, %d preferences%n",
            last.getLong("learnerStep", 0L),
            last.getLong("policyVersion", -1L),
            last.getLong("referenceVersion", -1L),
            last.getJsonObject("totals", new JsonObject()).getLong("pairs", 0L),
            last.getJsonObject("totals", new JsonObject()).getLong("preferences", 0L)));
    JsonObject rewards = last.getJsonObject("rewards");
    Map<String, Double> now = new TreeMap<>(LiveLine.latestRewards(rewards));
    Map<String, Double> earliest = LiveLine.earliestRewards(rewards);
    long[] range = LiveLine.versionRange(rewards);
    if (range.length == 2) {
      text.append(
          String.format(
              Locale.ROOT,
              "  mean reward of the images of policy v%d (start) and v%d (now):%n",
              range[0],
              range[1]));
    }
    for (Map.Entry<String, Double> entry : now.entrySet()) {
      Double start = earliest.getOrDefault(entry.getKey(), first.get(entry.getKey()));
      text.append(
          String.format(
              Locale.ROOT,
              "  reward %-20s start %8.4f  now %8.4f  change %+8.4f%n",
              entry.getKey(),
              start == null ? Double.NaN : start,
              entry.getValue(),
              start == null ? Double.NaN : entry.getValue() - start));
    }
    sentinel(text, last.getJsonObject("sentinel"));
    return text.toString().stripTrailing();
  }

  private static void sentinel(StringBuilder text, JsonObject sentinel) {
    if (sentinel == null || !sentinel.getBoolean("enabled", false)) {
      return;
    }
    text.append(
        String.format(
            Locale.ROOT,
            "  sentinel: %d versions judged, %d flagged, %d alerts, last good v%d, %.1f %% of a"
                + " core%n",
            sentinel.getLong("judged", 0L),
            sentinel.getLong("flagged", 0L),
            sentinel.getLong("alertsTotal", 0L),
            sentinel.getLong("lastGood", 0L),
            100 * sentinel.getDouble("cpuShare", 0.0)));
    JsonArray alerts = sentinel.getJsonArray("alerts", new JsonArray());
    for (int i = 0; i < alerts.size(); i++) {
      JsonObject alert = alerts.getJsonObject(i);
      text.append(
          String.format(
              Locale.ROOT,
              "    ALERT at v%d (last good v%d): %s; %s%n",
              alert.getLong("version"),
              alert.getLong("lastGood"),
              String.join(
                  "; ", alert.getJsonArray("signals").stream().map(String::valueOf).toList()),
              alert.getString("outcome")));
    }
  }
}
