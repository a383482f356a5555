package prefloop.app.dashboard;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The dashboard's Prometheus metrics (Micrometer, as the other services): what it has read from the
 * topics, the sentinel, the newest learning-curve point, and the people rating pairs. Each scrape
 * reads one snapshot of the dashboard's state; the meters read from it.
 */
final class DashboardMeters {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MultiGauge winRate;
  private final MultiGauge winRateSe;
  private final MultiGauge winRateMean;
  private final MultiGauge peopleAccuracy;
  private final MultiGauge peopleModelAgreement;
  private final LongSupplier gridsRendered;
  private final IntSupplier sseClients;
  private volatile JsonObject state = new JsonObject();
  private volatile double latestVersion = Double.NaN;
  private volatile double alpha = Double.NaN;

  /**
   * @param gridsRendered grids rendered so far
   * @param sseClients browsers connected to the event stream
   */
  DashboardMeters(LongSupplier gridsRendered, IntSupplier sseClients) {
    // meters hold their state object weakly: every one reads through this object, which the
    // dashboard holds
    this.gridsRendered = gridsRendered;
    this.sseClients = sseClients;
    total("prefloop.dashboard.pairs", s -> totals(s).getLong("pairs", 0L));
    total("prefloop.dashboard.preferences", s -> totals(s).getLong("preferences", 0L));
    total("prefloop.dashboard.learner.steps", s -> totals(s).getLong("learnerSteps", 0L));
    FunctionCounter.builder(
            "prefloop.dashboard.grids.rendered", this, m -> m.gridsRendered.getAsLong())
        .register(registry);
    total("prefloop.sentinel.judged", s -> sentinel(s).getLong("judged", 0L));
    total("prefloop.sentinel.flagged", s -> sentinel(s).getLong("flagged", 0L));
    total("prefloop.sentinel.alerts", s -> sentinel(s).getLong("alertsTotal", 0L));
    gauge("prefloop.sentinel.cpu.share", s -> sentinel(s).getDouble("cpuShare", 0.0));
    gauge("prefloop.dashboard.policy.version", s -> s.getLong("policyVersion", -1L));
    Gauge.builder("prefloop.dashboard.sse.clients", this, m -> m.sseClients.getAsInt())
        .register(registry);
    Gauge.builder("prefloop.dashboard.winrate.version", this, m -> m.latestVersion)
        .register(registry);
    Gauge.builder("prefloop.dashboard.people.alpha", this, m -> m.alpha).register(registry);
    winRate = MultiGauge.builder("prefloop.dashboard.winrate.vs.base").register(registry);
    winRateSe = MultiGauge.builder("prefloop.dashboard.winrate.vs.base.se").register(registry);
    winRateMean = MultiGauge.builder("prefloop.dashboard.winrate.vs.base.mean").register(registry);
    peopleAccuracy = MultiGauge.builder("prefloop.dashboard.people.accuracy").register(registry);
    peopleModelAgreement =
        MultiGauge.builder("prefloop.dashboard.people.model.agreement").register(registry);
  }

  /** The Prometheus text of {@code snapshot} (the dashboard's /api/state) and the curve's point. */
  String scrape(JsonObject snapshot, Optional<LearningCurve.Point> latest) {
    state = snapshot;
    undecodable(snapshot);
    winRates(latest);
    people(snapshot.getJsonObject("people"));
    return registry.scrape();
  }

  private void undecodable(JsonObject snapshot) {
    for (String topic :
        totals(snapshot).getJsonObject("undecodable", new JsonObject()).fieldNames()) {
      FunctionCounter.builder(
              "prefloop.dashboard.undecodable",
              this,
              m -> totals(m.state).getJsonObject("undecodable").getLong(topic, 0L))
          .tags(Tags.of("topic", topic))
          .register(registry);
    }
  }

  private void winRates(Optional<LearningCurve.Point> latest) {
    latestVersion = latest.map(p -> (double) p.version()).orElse(Double.NaN);
    List<MultiGauge.Row<?>> rates = new ArrayList<>();
    List<MultiGauge.Row<?>> errors = new ArrayList<>();
    List<MultiGauge.Row<?>> means = new ArrayList<>();
    latest.ifPresent(
        point -> {
          point
              .rates()
              .forEach(
                  (model, rate) -> {
                    rates.add(MultiGauge.Row.of(Tags.of("model", model), rate.rate()));
                    errors.add(MultiGauge.Row.of(Tags.of("model", model), rate.standardError()));
                  });
          if (!Double.isNaN(point.trainingMean())) {
            means.add(MultiGauge.Row.of(Tags.of("models", "training"), point.trainingMean()));
          }
          if (!Double.isNaN(point.heldOutMean())) {
            means.add(MultiGauge.Row.of(Tags.of("models", "heldout"), point.heldOutMean()));
          }
        });
    winRate.register(rates, true);
    winRateSe.register(errors, true);
    winRateMean.register(means, true);
  }

  private void people(JsonObject people) {
    List<MultiGauge.Row<?>> accuracy = new ArrayList<>();
    List<MultiGauge.Row<?>> agreement = new ArrayList<>();
    alpha = Double.NaN;
    if (people != null) {
      Double measured = people.getJsonObject("agreement", new JsonObject()).getDouble("alpha");
      alpha = measured == null ? Double.NaN : measured;
      for (Map.Entry<String, Object> rater : people.getJsonObject("raters")) {
        if (rater.getValue() instanceof JsonObject stats) {
          row(accuracy, rater.getKey(), stats.getValue("estimatedAccuracy"));
          row(agreement, rater.getKey(), stats.getValue("modelAgreement"));
        }
      }
    }
    peopleAccuracy.register(accuracy, true);
    peopleModelAgreement.register(agreement, true);
  }

  private static void row(List<MultiGauge.Row<?>> rows, String rater, Object value) {
    if (value instanceof Number number) {
      rows.add(MultiGauge.Row.of(Tags.of("rater", rater), number.doubleValue()));
    }
  }

  private void total(String name, ToDoubleFunction<JsonObject> read) {
    FunctionCounter.builder(name, this, m -> read.applyAsDouble(m.state)).register(registry);
  }

  private void gauge(String name, ToDoubleFunction<JsonObject> read) {
    Gauge.builder(name, this, m -> read.applyAsDouble(m.state)).register(registry);
  }

  private static JsonObject totals(JsonObject state) {
    return state.getJsonObject("totals", new JsonObject());
  }

  private static JsonObject sentinel(JsonObject state) {
    return state.getJsonObject("sentinel", new JsonObject());
  }
}
