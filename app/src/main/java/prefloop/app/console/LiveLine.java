package prefloop.app.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One compact status line of the running loop, made from the dashboard's state JSON ({@code
 * /api/state}): learner step, policy/reference version, mean reward per model at the newest policy
 * version that has scores, the newest point of the win-rate learning curve (mean win rate vs base
 * of the training models, and of the held-out ones), implicit accuracy, drift D against δ, pairs/s
 * and mean staleness.
 *
 * <pre>
 * step 42 · policy v2 ref v1 · fidelity -1.23 aesthetic 0.41 · win v2 0.63 (held-out 0.58) · acc 0.69 · D 1.2e-02/δ 1.0e-01 · 1.1 pairs/s · stale 0.4
 * </pre>
 */
public final class LiveLine {

  private LiveLine() {}

  /** The line for {@code state}; fields with no data yet are shown as "–". */
  public static String of(JsonObject state) {
    StringBuilder line = new StringBuilder();
    line.append("step ").append(state.getLong("learnerStep", 0L));
    line.append(" · policy v").append(version(state.getLong("policyVersion", -1L)));
    line.append(" ref v").append(version(state.getLong("referenceVersion", -1L)));
    Map<String, Double> rewards = latestRewards(state.getJsonObject("rewards"));
    if (!rewards.isEmpty()) {
      line.append(" ·");
      rewards.forEach((model, mean) -> line.append(' ').append(model).append(' ').append(f2(mean)));
    }
    JsonObject win = lastOf(state.getJsonArray("learningCurve"));
    if (win != null) {
      line.append(" · win v").append(win.getLong("version", -1L));
      line.append(' ').append(f2(win.getDouble("trainingMean")));
      if (win.getValue("heldOutMean") != null) {
        line.append(" (held-out ").append(f2(win.getDouble("heldOutMean"))).append(')');
      }
    }
    JsonObject last = lastOf(state.getJsonArray("learner"));
    line.append(" · acc ").append(last == null ? "–" : f2(last.getDouble("acc")));
    line.append(" · D ").append(last == null ? "–" : e1(last.getDouble("drift")));
    line.append("/δ ").append(e1(state.getDouble("driftDelta")));
    if (state.getBoolean("frozen", false)) {
      line.append(" (ref frozen)");
    }
    JsonObject rates = state.getJsonObject("rates", new JsonObject());
    line.append(" · ").append(f1(rates.getDouble("pairs"))).append(" pairs/s");
    JsonObject staleness = state.getJsonObject("staleness", new JsonObject());
    line.append(" · stale ").append(f1(staleness.getDouble("mean")));
    JsonObject alert =
        lastOf(state.getJsonObject("sentinel", new JsonObject()).getJsonArray("alerts"));
    if (alert != null) {
      line.append(" · ALERT v")
          .append(alert.getLong("version"))
          .append(" (last good v")
          .append(alert.getLong("lastGood"))
          .append(", ")
          .append(alert.getString("action"))
          .append(')');
    }
    return line.toString();
  }

  /**
   * Mean reward per model at the newest version with a score for it: {@code rewards.versions[i]}
   * pairs with {@code models[k].mean[i]}.
   */
  public static Map<String, Double> latestRewards(JsonObject rewards) {
    return rewardsAt(rewards, true);
  }

  /**
   * Mean reward per model at the oldest version still in {@code rewards} (version 0, the base,
   * while the dashboard's history keeps it); models without a score there are left out.
   */
  public static Map<String, Double> earliestRewards(JsonObject rewards) {
    return rewardsAt(rewards, false);
  }

  /** Per model: its newest non-empty mean ({@code newest}), or the oldest version's mean. */
  private static Map<String, Double> rewardsAt(JsonObject rewards, boolean newest) {
    Map<String, Double> result = new TreeMap<>();
    if (rewards == null) {
      return result;
    }
    for (Object entry : rewards.getJsonArray("models", new JsonArray())) {
      JsonObject model = (JsonObject) entry;
      JsonArray means = model.getJsonArray("mean", new JsonArray());
      int i = newest ? means.size() - 1 : 0;
      while (newest && i >= 0 && means.getValue(i) == null) {
        i--;
      }
      if (i >= 0 && i < means.size() && means.getValue(i) != null) {
        result.put(model.getString("name"), means.getDouble(i));
      }
    }
    return result;
  }

  /** The oldest and newest policy versions with rewards, or an empty array. */
  static long[] versionRange(JsonObject rewards) {
    JsonArray versions = rewards == null ? null : rewards.getJsonArray("versions");
    if (versions == null || versions.isEmpty()) {
      return new long[0];
    }
    return new long[] {versions.getLong(0), versions.getLong(versions.size() - 1)};
  }

  private static JsonObject lastOf(JsonArray steps) {
    return steps == null || steps.isEmpty() ? null : steps.getJsonObject(steps.size() - 1);
  }

  private static String version(long v) {
    return v < 0 ? "–" : Long.toString(v);
  }

  private static String f1(Double value) {
    return format("%.1f", value);
  }

  private static String f2(Double value) {
    return format("%.2f", value);
  }

  private static String e1(Double value) {
    return format("%.1e", value);
  }

  private static String format(String pattern, Double value) {
    return value == null || value.isNaN() ? "–" : String.format(Locale.ROOT, pattern, value);
  }
}
