package prefloop.generator.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.diffusion.checkpoint.ServiceToken;
import prefloop.generator.GeneratorService;
import prefloop.generator.GeneratorStatus;
import prefloop.generator.publish.PairAssembler;
import prefloop.world.ImageGrid;
import prefloop.world.PngCodec;
import prefloop.world.RgbImage;

/**
 * The generator's HTTP endpoints. Handlers only parse and answer on the event loop; sampling runs
 * on the sampling thread.
 *
 * <ul>
 *   <li>{@code GET /generate?prompt=…&seed=…&n=…}: a PNG (n = 1) or a horizontal strip (n &gt; 1,
 *       1-px grey gaps and border) from the served model, generation parameters in text chunks;
 *   <li>{@code POST /prompts}: queue prompts (JSON {@code {"text": …}} or text lines) → 202;
 *   <li>{@code GET /health}: 200 when a model is loaded and Kafka answers, else 503;
 *   <li>{@code GET /metrics}: Prometheus text; {@code GET /status}: JSON;
 *   <li>{@code GET /blobs/<name>}: trajectory blobs.
 * </ul>
 *
 * With a service token set ({@link ServiceToken}), {@code /generate}, {@code /prompts} and {@code
 * /blobs} need it; health, metrics and status stay open.
 *
 * <p>Bad input is a 400 with {@code {"error": reason}}; nothing a client sends can crash the
 * service.
 */
public final class HttpApi {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  private static final int BODY_LIMIT = 64 * 1024;
  private static final int STRIP_GAP = 1;

  private final Vertx vertx;
  private final GeneratorService service;

  private HttpApi(Vertx vertx, GeneratorService service) {
    this.vertx = vertx;
    this.service = service;
  }

  private static void requireServiceToken(RoutingContext ctx) {
    if (ServiceToken.accepts(ctx.request().getHeader("Authorization"))) {
      ctx.next();
    } else {
      json(ctx, 401, new JsonObject().put("error", ServiceToken.REFUSAL));
    }
  }

  /** The router of every endpoint. */
  public static Router router(Vertx vertx, GeneratorService service) {
    HttpApi api = new HttpApi(vertx, service);
    Router router = Router.router(vertx);
    // what changes state or hands out data needs the service token (when one is set)
    for (String guarded : new String[] {"/generate", "/prompts", "/blobs/*"}) {
      router.route(guarded).handler(HttpApi::requireServiceToken);
    }
    router.get("/generate").handler(api::generate);
    router.post("/prompts").handler(BodyHandler.create().setBodyLimit(BODY_LIMIT));
    router.post("/prompts").handler(api::prompts);
    router.get("/health").handler(api::health);
    router.get("/metrics").handler(api::metrics);
    router.get("/status").handler(api::status);
    router.get("/blobs/:name").handler(api::blob);
    router.route().failureHandler(HttpApi::failure);
    return router;
  }

  private void generate(RoutingContext ctx) {
    GenerateRequest request =
        GenerateRequest.parse(
            ctx.request().getParam("prompt"),
            ctx.request().getParam("seed"),
            ctx.request().getParam("n"),
            service.validator());
    Future.fromCompletionStage(
            service
                .generate(request.prompt(), request.seeds())
                .thenApply(images -> png(request, images)),
            vertx.getOrCreateContext())
        .onSuccess(
            png ->
                ctx.response()
                    .putHeader("Content-Type", "image/png")
                    .putHeader("X-Model-Version", Long.toString(service.status().version()))
                    .end(Buffer.buffer(png)))
        .onFailure(error -> unavailable(ctx, error));
  }

  private byte[] png(GenerateRequest request, List<RgbImage> images) {
    GeneratorStatus status = service.status();
    Map<String, String> text = new LinkedHashMap<>();
    text.put("prompt", request.prompt());
    text.put(
        "seed",
        request.n() == 1
            ? Long.toString(request.seed())
            : request.seed() + ".." + (request.seed() + request.n() - 1));
    text.put("sampler", PairAssembler.describe(service.config().sampling().samplerSettings()));
    text.put("policy_version", Long.toString(status.version()));
    text.put("model_role", status.role());
    RgbImage image =
        images.size() == 1 ? images.get(0) : ImageGrid.compose(images, images.size(), 1, STRIP_GAP);
    return PngCodec.encode(image, text);
  }

  private void prompts(RoutingContext ctx) {
    List<String> prompts =
        PromptSubmission.parse(
            ctx.request().getHeader("Content-Type"), ctx.body().asString(), service.validator());
    List<String> ids;
    try {
      ids = service.submit(prompts);
    } catch (IllegalStateException e) {
      json(ctx, 503, new JsonObject().put("error", e.getMessage()));
      return;
    }
    json(
        ctx,
        202,
        new JsonObject().put("queued", ids.size()).put("ids", ids).put("prompts", prompts));
  }

  private void health(RoutingContext ctx) {
    GeneratorStatus status = service.status();
    JsonObject body =
        new JsonObject()
            .put("status", status.ready() ? "UP" : "DOWN")
            .put("modelLoaded", status.version() >= 0)
            .put("kafkaReachable", status.kafkaReachable());
    json(ctx, status.ready() ? 200 : 503, body);
  }

  private void metrics(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
        .end(service.metrics().scrape());
  }

  private void status(RoutingContext ctx) {
    json(ctx, 200, JsonObject.mapFrom(service.status()));
  }

  private void blob(RoutingContext ctx) {
    service
        .blobs()
        .find(ctx.pathParam("name"))
        .ifPresentOrElse(
            file ->
                ctx.response()
                    .putHeader("Content-Type", "application/octet-stream")
                    .sendFile(file.toString()),
            () -> json(ctx, 404, new JsonObject().put("error", "no such blob (expired?)")));
  }

  private static void unavailable(RoutingContext ctx, Throwable error) {
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    LOG.warn("generate failed: {}", cause.toString());
    json(ctx, 503, new JsonObject().put("error", "cannot sample now: " + cause.getMessage()));
  }

  private static void failure(RoutingContext ctx) {
    Throwable error = ctx.failure();
    if (error instanceof BadRequestException) {
      json(ctx, 400, new JsonObject().put("error", error.getMessage()));
      return;
    }
    int code = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    if (code == 500) {
      LOG.error("HTTP {} {} failed", ctx.request().method(), ctx.request().path(), error);
    }
    String reason = error == null ? "HTTP " + code : error.getMessage();
    json(ctx, code, new JsonObject().put("error", reason));
  }

  private static void json(RoutingContext ctx, int code, JsonObject body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(code)
        .putHeader("Content-Type", "application/json")
        .end(body.encode());
  }
}
