package prefloop.app.sentinel;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.evaluation.WinRate;
import prefloop.world.RgbImage;

/**
 * The sentinel at work in the dashboard: judges every grid the dashboard renders, raises alerts,
 * asks the learner to roll back when configured, and accounts for its CPU. Called by one grid
 * worker; read by the event loop. The state is guarded by this object's lock, which is never held
 * while the learner is asked (up to 10 s): the event loop must not wait on it.
 */
public final class SentinelWatch {
  private static final Logger LOG = LoggerFactory.getLogger(SentinelWatch.class);
  private static final int ALERTS_KEPT = 50;

  private final Sentinel sentinel;
  private final LearnerControl learner;
  private final Clock clock;
  private final long started;
  private final Deque<SentinelAlert> alerts = new ArrayDeque<>();
  private long alertsTotal;
  private long flaggedTotal;
  private long judged;
  private long cpuNanos;
  private Verdict latest;

  /**
   * @param learner where to send rollbacks; null when the learner is not reachable (alerts only)
   */
  public SentinelWatch(SentinelConfig config, LearnerControl learner, Clock clock) {
    this.sentinel = new Sentinel(config);
    this.learner = learner;
    this.clock = clock;
    this.started = clock.millis();
  }

  public synchronized boolean enabled() {
    return sentinel.config().enabled();
  }

  /** The base's grid: the reference of every judgement. */
  public synchronized void base(List<String> prompts, List<RgbImage> images) {
    if (enabled()) {
      sentinel.observeBase(prompts, images);
    }
  }

  /** Judges a version's grid; acts on an alarm. A version before the base's grid is skipped. */
  public void judge(
      long version,
      Map<String, WinRate> rates,
      Map<String, Boolean> heldOut,
      List<String> prompts,
      List<RgbImage> images) {
    Verdict verdict;
    synchronized (this) {
      if (!enabled() || !sentinel.ready()) {
        return;
      }
      verdict = sentinel.judge(version, rates, heldOut, prompts, images);
      latest = verdict;
      judged++;
      if (verdict.flagged()) {
        flaggedTotal++;
        LOG.warn(
            "sentinel: policy v{} flagged: {}",
            version,
            verdict.signals().stream().map(Signal::describe).toList());
      }
    }
    if (verdict.alarm()) {
      alarm(verdict);
    }
  }

  /** Acts on an alarm (the learner is asked without holding the lock), then records it. */
  private void alarm(Verdict verdict) {
    List<String> why = verdict.signals().stream().map(Signal::describe).toList();
    SentinelConfig config = sentinel.config();
    String outcome;
    SentinelAction action = config.action();
    if (action.rollsBack() && learner == null) {
      outcome = "no learner URL configured: alert only";
      action = SentinelAction.ALERT;
    } else if (action.rollsBack()) {
      try {
        outcome =
            "learner: "
                + learner.rollBack(
                    verdict.lastGood(),
                    config.learningRateFactor(),
                    config.betaFactor(),
                    action == SentinelAction.FREEZE,
                    "sentinel: v" + verdict.version() + " " + String.join("; ", why));
      } catch (IOException e) {
        outcome = "rollback failed: " + e.getMessage();
      }
    } else {
      outcome = "alert only";
    }
    record(
        new SentinelAlert(
            clock.instant(), verdict.version(), verdict.lastGood(), why, action, outcome));
    LOG.error(
        "sentinel ALERT at policy v{} (last good v{}): {}; {}",
        verdict.version(),
        verdict.lastGood(),
        why,
        outcome);
  }

  private synchronized void record(SentinelAlert alert) {
    alerts.addLast(alert);
    while (alerts.size() > ALERTS_KEPT) {
      alerts.removeFirst();
    }
    alertsTotal++;
  }

  /** Adds CPU time spent rendering, scoring and judging a grid. */
  public synchronized void spent(long cpuNanoseconds) {
    cpuNanos += cpuNanoseconds;
  }

  public synchronized long alertsTotal() {
    return alertsTotal;
  }

  public synchronized List<SentinelAlert> alerts() {
    return List.copyOf(alerts);
  }

  /**
   * {@code {"enabled", "action", "lastGood", "judged", "flagged", "alerts": [...], "latest":
   * {"version", "signals"}, "cpuSeconds", "cpuShare"}} for /api/state.
   */
  public synchronized JsonObject toJson() {
    JsonArray list = new JsonArray();
    for (SentinelAlert a : alerts) {
      list.add(
          new JsonObject()
              .put("at", a.at().toString())
              .put("version", a.version())
              .put("lastGood", a.lastGood())
              .put("signals", new JsonArray(a.signals()))
              .put("action", a.action().name())
              .put("outcome", a.outcome()));
    }
    double wallSeconds = Math.max(1e-3, (clock.millis() - started) / 1000.0);
    JsonObject json =
        new JsonObject()
            .put("enabled", enabled())
            .put("action", sentinel.config().action().name())
            .put("lastGood", sentinel.lastGood())
            .put("judged", judged)
            .put("flagged", flaggedTotal)
            .put("alertsTotal", alertsTotal)
            .put("alerts", list)
            .put("cpuSeconds", cpuNanos / 1e9)
            .put("cpuShare", cpuNanos / 1e9 / wallSeconds);
    if (latest != null) {
      json.put(
          "latest",
          new JsonObject()
              .put("version", latest.version())
              .put(
                  "signals",
                  new JsonArray(latest.signals().stream().map(Signal::describe).toList())));
    }
    return json;
  }
}
