package prefloop.learner.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import prefloop.diffusion.checkpoint.ServiceToken;

/**
 * The learner's HTTP surface: {@code /health} (200 when the model is loaded and Kafka answers, else
 * 503), {@code /metrics} (Prometheus text), {@code /status} (JSON {@link LearnerStatus}) and {@code
 * GET /checkpoints/<checkpoint>/<file>} (the checkpoint store, read-only), and {@code POST
 * /control/rollback} with a JSON {@link RollbackRequest} (202 with the version it goes back to; 400
 * for a malformed request or a version not kept), and {@code POST /control/resume} (202 when
 * training was paused by a rollback, 409 when it was not). The server listens on loopback unless
 * {@code --bind} says otherwise.
 */
final class LearnerRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LearnerRoutes() {}

  static Router router(
      Vertx vertx, Supplier<Optional<Learner>> learner, BooleanSupplier kafkaReachable) {
    Router router = Router.router(vertx);
    // checkpoints and control need the service token (when one is set)
    for (String guarded : new String[] {"/checkpoints/*", "/control/*"}) {
      router.route(guarded).handler(LearnerRoutes::requireServiceToken);
    }
    router.get("/health").handler(ctx -> health(ctx, learner.get(), kafkaReachable));
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(learner.get().map(l -> l.meters().scrape()).orElse("")));
    router
        .get("/status")
        .handler(
            ctx ->
                json(
                    ctx,
                    200,
                    learner.get().map(Learner::status).orElse(LearnerStatus.starting("-"))));
    router.get("/checkpoints/:checkpoint/:file").handler(ctx -> checkpoint(ctx, learner.get()));
    router
        .post("/control/rollback")
        .handler(BodyHandler.create().setBodyLimit(4096))
        .handler(ctx -> rollback(ctx, learner.get()));
    router.post("/control/resume").handler(ctx -> resume(ctx, learner.get()));
    return router;
  }

  private static void resume(RoutingContext ctx, Optional<Learner> learner) {
    if (learner.isEmpty()) {
      ctx.response().setStatusCode(503).end("the learner is still loading");
    } else if (learner.get().resume()) {
      json(ctx, 202, Map.of("resuming", true));
    } else {
      ctx.response().setStatusCode(409).end("training is not paused: nothing to resume");
    }
  }

  private static void requireServiceToken(RoutingContext ctx) {
    if (ServiceToken.accepts(ctx.request().getHeader("Authorization"))) {
      ctx.next();
    } else {
      ctx.response().setStatusCode(401).end(ServiceToken.REFUSAL);
    }
  }

  private static void health(
      RoutingContext ctx, Optional<Learner> learner, BooleanSupplier kafkaReachable) {
    boolean loaded = learner.isPresent() && !"FAILED".equals(learner.get().status().state());
    boolean kafka = kafkaReachable.getAsBoolean();
    JsonObject body =
        new JsonObject()
            .put("status", loaded && kafka ? "UP" : "DOWN")
            .put("model", loaded)
            .put("kafka", kafka);
    ctx.response()
        .setStatusCode(loaded && kafka ? 200 : 503)
        .putHeader("content-type", "application/json")
        .end(body.encode());
  }

  private static void rollback(RoutingContext ctx, Optional<Learner> learner) {
    if (learner.isEmpty()) {
      ctx.response().setStatusCode(503).end("the learner is still loading");
      return;
    }
    try {
      RollbackRequest request = JSON.readValue(ctx.body().asString(), RollbackRequest.class);
      long version = learner.get().requestRollback(request);
      json(ctx, 202, Map.of("rollingBackTo", version, "reason", request.reason()));
    } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
      ctx.response()
          .setStatusCode(400)
          .end(
              "expected {\"toVersion\": N, \"learningRateFactor\": (0, 1], \"betaFactor\": [1,"
                  + " 1000] (optional), \"pause\": true|false (optional), \"reason\":"
                  + " \"...\"}: "
                  + e.getMessage());
    }
  }

  private static void checkpoint(RoutingContext ctx, Optional<Learner> learner) {
    Optional<Path> file =
        learner.flatMap(l -> l.store().file(ctx.pathParam("checkpoint"), ctx.pathParam("file")));
    if (file.isEmpty()) {
      ctx.response().setStatusCode(404).end("no such checkpoint file");
      return;
    }
    ctx.response()
        .putHeader("content-type", "application/octet-stream")
        .sendFile(file.get().toString());
  }

  private static void json(RoutingContext ctx, int status, Object value) {
    try {
      ctx.response()
          .setStatusCode(status)
          .putHeader("content-type", "application/json")
          .end(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      ctx.fail(500, e);
    }
  }
}
