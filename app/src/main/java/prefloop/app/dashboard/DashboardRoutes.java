package prefloop.app.dashboard;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** The HTTP routes of the dashboard. Static files are read once, at start. */
final class DashboardRoutes {
  private static final String HTML = "text/html; charset=utf-8";
  private static final String JS = "text/javascript; charset=utf-8";
  private static final String SVG = "image/svg+xml";

  private final DashboardVerticle dashboard;
  private final Buffer page = Buffer.buffer(ClasspathAssets.read("dashboard/index.html"));
  private final Buffer script = Buffer.buffer(ClasspathAssets.read("dashboard/dashboard.js"));
  private final Buffer style = Buffer.buffer(ClasspathAssets.read("dashboard/dashboard.css"));
  private final Buffer chartJs = Buffer.buffer(ClasspathAssets.chartJs());
  private final Buffer icon = Buffer.buffer(ClasspathAssets.read("dashboard/favicon.svg"));

  DashboardRoutes(DashboardVerticle dashboard) {
    this.dashboard = dashboard;
  }

  Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.get("/").handler(ctx -> DashboardVerticle.send(ctx, HTML, page));
    router.get("/dashboard.js").handler(ctx -> DashboardVerticle.send(ctx, JS, script));
    router.get("/dashboard.css").handler(ctx -> DashboardVerticle.send(ctx, "text/css", style));
    router.get("/lib/chart.umd.min.js").handler(ctx -> DashboardVerticle.send(ctx, JS, chartJs));
    // browsers ask for /favicon.ico whatever the page says: both answer, no 404 in the console
    router.get("/favicon.svg").handler(ctx -> DashboardVerticle.send(ctx, SVG, icon));
    router.get("/favicon.ico").handler(ctx -> DashboardVerticle.send(ctx, SVG, icon));
    router.get("/api/state").handler(ctx -> json(ctx, dashboard.snapshot()));
    router
        .get("/events")
        .handler(ctx -> dashboard.events().open(ctx.response(), "state", encode()));
    router.get("/grid/:file").handler(this::grid);
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(this::metrics);
    return router;
  }

  private String encode() {
    return dashboard.snapshot().encode();
  }

  private void grid(RoutingContext ctx) {
    String file = ctx.pathParam("file");
    Optional<byte[]> png = Optional.empty();
    if (file.equals("latest.png")) {
      png = dashboard.grids().latestVersion().flatMap(dashboard.grids()::get);
    } else if (file.matches("\\d{1,18}\\.png")) {
      png = dashboard.grids().get(Long.parseLong(file.substring(0, file.length() - 4)));
    }
    if (png.isEmpty()) {
      ctx.response().setStatusCode(404).end("no grid " + file + " (yet)");
      return;
    }
    ctx.response()
        .putHeader("Content-Type", "image/png")
        .putHeader("Cache-Control", file.equals("latest.png") ? "no-cache" : "max-age=86400")
        .end(Buffer.buffer(png.get()));
  }

  private void health(RoutingContext ctx) {
    boolean up = dashboard.healthy();
    ctx.response().setStatusCode(up ? 200 : 503);
    json(ctx, new JsonObject().put("status", up ? "UP" : "DOWN"));
  }

  /** Prometheus text exposition of the counters. */
  private void metrics(RoutingContext ctx) {
    JsonObject s = dashboard.snapshot();
    JsonObject totals = s.getJsonObject("totals");
    StringBuilder out = new StringBuilder();
    counter(out, "prefloop_dashboard_pairs_total", totals.getLong("pairs"));
    counter(out, "prefloop_dashboard_preferences_total", totals.getLong("preferences"));
    counter(out, "prefloop_dashboard_learner_steps_total", totals.getLong("learnerSteps"));
    counter(out, "prefloop_dashboard_grids_rendered_total", dashboard.gridsRendered());
    JsonObject sentinel = dashboard.sentinel().toJson();
    counter(out, "prefloop_sentinel_judged_total", sentinel.getLong("judged"));
    counter(out, "prefloop_sentinel_flagged_total", sentinel.getLong("flagged"));
    counter(out, "prefloop_sentinel_alerts_total", sentinel.getLong("alertsTotal"));
    out.append("# TYPE prefloop_sentinel_cpu_share gauge\n")
        .append("prefloop_sentinel_cpu_share ")
        .append(sentinel.getDouble("cpuShare"))
        .append('\n');
    out.append("# TYPE prefloop_dashboard_undecodable_total counter\n");
    totals
        .getJsonObject("undecodable")
        .forEach(
            e ->
                out.append("prefloop_dashboard_undecodable_total{topic=\"")
                    .append(e.getKey().replaceAll("[^a-zA-Z0-9._-]", "_"))
                    .append("\"} ")
                    .append(e.getValue())
                    .append('\n'));
    out.append("# TYPE prefloop_dashboard_policy_version gauge\n")
        .append("prefloop_dashboard_policy_version ")
        .append(s.getLong("policyVersion"))
        .append('\n');
    out.append("# TYPE prefloop_dashboard_sse_clients gauge\n")
        .append("prefloop_dashboard_sse_clients ")
        .append(dashboard.events().size())
        .append('\n');
    dashboard.curve().latest().ifPresent(point -> winRates(out, point));
    JsonObject people = s.getJsonObject("people");
    if (people != null) {
      people(out, people);
    }
    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4").end(out.toString());
  }

  /** The newest learning-curve point: its version, each model's rate and SE, and both means. */
  private static void winRates(StringBuilder out, LearningCurve.Point point) {
    out.append("# TYPE prefloop_dashboard_winrate_version gauge\n")
        .append("prefloop_dashboard_winrate_version ")
        .append(point.version())
        .append('\n');
    out.append("# TYPE prefloop_dashboard_winrate_vs_base gauge\n");
    point
        .rates()
        .forEach((model, rate) -> gauge(out, "winrate_vs_base", "model", model, rate.rate()));
    out.append("# TYPE prefloop_dashboard_winrate_vs_base_se gauge\n");
    point
        .rates()
        .forEach(
            (model, rate) ->
                gauge(out, "winrate_vs_base_se", "model", model, rate.standardError()));
    out.append("# TYPE prefloop_dashboard_winrate_vs_base_mean gauge\n");
    if (!Double.isNaN(point.trainingMean())) {
      gauge(out, "winrate_vs_base_mean", "models", "training", point.trainingMean());
    }
    if (!Double.isNaN(point.heldOutMean())) {
      gauge(out, "winrate_vs_base_mean", "models", "heldout", point.heldOutMean());
    }
  }

  /** Agreement between people and each rater's estimated accuracy and agreement with models. */
  private static void people(StringBuilder out, JsonObject people) {
    Double alpha = people.getJsonObject("agreement", new JsonObject()).getDouble("alpha");
    if (alpha != null) {
      out.append("# TYPE prefloop_dashboard_people_alpha gauge\n")
          .append("prefloop_dashboard_people_alpha ")
          .append(alpha)
          .append('\n');
    }
    JsonObject raters = people.getJsonObject("raters");
    out.append("# TYPE prefloop_dashboard_people_accuracy gauge\n");
    raters.forEach(
        e -> rater(out, "people_accuracy", e.getKey(), e.getValue(), "estimatedAccuracy"));
    out.append("# TYPE prefloop_dashboard_people_model_agreement gauge\n");
    raters.forEach(
        e -> rater(out, "people_model_agreement", e.getKey(), e.getValue(), "modelAgreement"));
  }

  private static void rater(
      StringBuilder out, String name, String rater, Object stats, String field) {
    if (stats instanceof JsonObject json && json.getValue(field) instanceof Number number) {
      gauge(out, name, "rater", rater, number.doubleValue());
    }
  }

  private static void gauge(
      StringBuilder out, String name, String label, String value, double number) {
    out.append("prefloop_dashboard_")
        .append(name)
        .append('{')
        .append(label)
        .append("=\"")
        .append(value.replaceAll("[^a-zA-Z0-9._-]", "_"))
        .append("\"} ")
        .append(number)
        .append('\n');
  }

  private static void counter(StringBuilder out, String name, long value) {
    out.append("# TYPE ").append(name).append(" counter\n");
    out.append(name).append(' ').append(value).append('\n');
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }
}
