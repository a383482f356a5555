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

  /** Prometheus text exposition of the counters and gauges. */
  private void metrics(RoutingContext ctx) {
    String text = dashboard.meters().scrape(dashboard.snapshot(), dashboard.curve().latest());
    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4").end(text);
  }

  private static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }
}
