package prefloop.rater.human;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import prefloop.schemas.avro.GeneratedImage;

/**
 * The JSON API behind the rating page. Who a request acts for: with per-rater tokens, the rater
 * whose token comes in the {@code X-Rater-Token} header (a typed name is ignored); with a shared
 * token, the typed name, once the header carries that token; with neither, the typed name. Labels
 * are also limited per client address. Refusals are 4xx with {@code {"reason": ...}}.
 *
 * <pre>
 *   GET  /api/config                       → {"tokenRequired": bool, "perRaterTokens": bool}
 *   GET  /api/next?rater=NAME              → 200 {"pair_id","prompt","left","right"} (PNG data URLs) | 204
 *   POST /api/label {"rater","pair_id","choice": left|right|tie|skip|bad} → 200 {"stats"}
 *   POST /api/undo  {"rater"}              → 200 | 409
 *   GET  /api/stats                        → {"waiting", "raters": {NAME: {...}}}
 * </pre>
 */
public final class HumanApi {
  private final HumanRatings ratings;
  private final HumanQueue queue;
  private final byte[] token;
  private final RaterTokens tokens;
  private final RateLimiter perAddress;
  private final Consumer<List<HumanLabel>> publish;

  /**
   * @param token a token shared by everyone; empty for none
   * @param tokens per-rater tokens; null for none (then the shared token, if any, applies)
   * @param perAddress limits labels per client address (people behind one address share it)
   * @param publish called (on the event loop; it must not block) with labels whose undo window
   *     closed
   */
  public HumanApi(
      HumanRatings ratings,
      HumanQueue queue,
      String token,
      RaterTokens tokens,
      RateLimiter perAddress,
      Consumer<List<HumanLabel>> publish) {
    this.ratings = ratings;
    this.queue = queue;
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.tokens = tokens;
    this.perAddress = perAddress;
    this.publish = publish;
  }

  public void mount(Router router) {
    router
        .get("/api/config")
        .handler(
            ctx ->
                json(
                    ctx,
                    200,
                    new JsonObject()
                        .put("tokenRequired", token.length > 0 || tokens != null)
                        .put("perRaterTokens", tokens != null)));
    if (tokens != null) {
      // per-rater tokens: Vert.x's authentication handler makes the token's owner the user
      for (String path : List.of("/api/next", "/api/label", "/api/undo")) {
        router
            .route(path)
            .handler(SimpleAuthenticationHandler.create().authenticate(this::raterOfToken))
            .failureHandler(HumanApi::refused);
      }
    }
    router.get("/api/next").handler(this::next);
    router.post("/api/label").handler(BodyHandler.create().setBodyLimit(4096)).handler(this::label);
    router.post("/api/undo").handler(BodyHandler.create().setBodyLimit(4096)).handler(this::undo);
    router.get("/api/stats").handler(ctx -> json(ctx, 200, stats()));
  }

  private void next(RoutingContext ctx) {
    String rater = rater(ctx, ctx.request().getParam("rater"));
    if (rater == null) {
      return;
    }
    ratings
        .next(rater)
        .ifPresentOrElse(
            task -> json(ctx, 200, task(task).put("progress", progress(rater))),
            () -> ctx.response().setStatusCode(204).end());
  }

  private void label(RoutingContext ctx) {
    JsonObject body = body(ctx);
    if (body == null) {
      return;
    }
    String rater = rater(ctx, body.getString("rater"));
    if (rater == null) {
      return;
    }
    if (!perAddress.tryAcquire(ctx.request().remoteAddress().hostAddress())) {
      refuse(ctx, 429, "too many labels from this address; slow down");
      return;
    }
    Choice choice = Choice.parse(body.getString("choice")).orElse(null);
    if (choice == null || body.getString("pair_id") == null) {
      refuse(ctx, 400, "send {\"rater\", \"pair_id\", \"choice\": left|right|tie|skip|bad}");
      return;
    }
    answer(ctx, ratings.label(rater, body.getString("pair_id"), choice));
  }

  private void undo(RoutingContext ctx) {
    JsonObject body = body(ctx);
    String rater = body == null ? null : rater(ctx, body.getString("rater"));
    if (rater != null) {
      answer(ctx, ratings.undo(rater));
    }
  }

  private void answer(RoutingContext ctx, LabelOutcome outcome) {
    if (outcome.status() != 200) {
      refuse(ctx, outcome.status(), outcome.reason());
      return;
    }
    if (!outcome.publish().isEmpty()) {
      publish.accept(outcome.publish());
    }
    json(ctx, 200, stats());
  }

  private JsonObject body(RoutingContext ctx) {
    // A page on another site can POST a form or text/plain to 127.0.0.1 without asking, but not
    // application/json (the browser would ask first, and nothing here answers that preflight):
    // requiring it keeps other sites from labelling in a person's name (CSRF).
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      refuse(ctx, 415, "send the body as Content-Type: application/json");
      return null;
    }
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        refuse(ctx, 400, "send a JSON object");
      }
      return body;
    } catch (RuntimeException e) {
      refuse(ctx, 400, "body is not JSON: " + e.getMessage());
      return null;
    }
  }

  /** The owner of the request's rater token, or a 401 that says how to get one. */
  private Future<User> raterOfToken(RoutingContext ctx) {
    return tokens
        .raterFor(ctx.request().getHeader("X-Rater-Token"))
        .map(owner -> Future.succeededFuture(User.fromName(owner)))
        .orElseGet(
            () ->
                Future.failedFuture(
                    new HttpException(
                        401,
                        "wrong or missing rater token (X-Rater-Token); ask whoever runs prefloop"
                            + " for yours (prefloop rater tokens add NAME)")));
  }

  /** A request the authentication handler turned away, answered like every other refusal. */
  private static void refused(RoutingContext ctx) {
    if (ctx.failure() instanceof HttpException refusal && refusal.getPayload() != null) {
      refuse(ctx, refusal.getStatusCode(), refusal.getPayload());
    } else {
      refuse(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500, "request refused");
    }
  }

  /** The rater the request acts for, or null after refusing it. */
  private String rater(RoutingContext ctx, String typedName) {
    String given = ctx.request().getHeader("X-Rater-Token");
    if (tokens != null) {
      return ctx.user().subject(); // the token's owner, whatever name was typed
    }
    if (!HumanRatings.validName(typedName)) {
      refuse(ctx, 400, "rater name must be 1-64 of letters, digits, space . _ @ -");
      return null;
    }
    if (token.length > 0
        && (given == null
            || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8)))) {
      refuse(ctx, 401, "wrong or missing rater token (X-Rater-Token)");
      return null;
    }
    return typedName;
  }

  private JsonObject stats() {
    JsonObject raters = new JsonObject();
    for (Map.Entry<String, HumanRatings.RaterStats> e : ratings.stats().entrySet()) {
      HumanRatings.RaterStats s = e.getValue();
      raters.put(
          e.getKey(),
          new JsonObject()
              .put("labelled", s.labelled())
              .put("skipped", s.skipped())
              .put("bad", s.bad())
              .put("modelAgreement", finiteOrNull(s.modelAgreement()))
              .put("modelCompared", s.modelCompared())
              .put("humanAgreement", finiteOrNull(s.humanAgreement()))
              .put("humanCompared", s.humanCompared())
              .put("estimatedAccuracy", finiteOrNull(s.estimatedAccuracy()))
              .put("excluded", s.excluded())
              .put("withheld", s.withheld())
              .put("goldSeen", s.goldSeen())
              .put("goldCorrect", s.goldCorrect()));
    }
    PeopleAgreement agreement = ratings.peopleAgreement();
    JsonArray kappas = new JsonArray();
    for (PeopleAgreement.RaterKappa kappa : agreement.kappas()) {
      kappas.add(
          new JsonObject()
              .put("raters", new JsonArray().add(kappa.first()).add(kappa.second()))
              .put("kappa", finiteOrNull(kappa.kappa()))
              .put("shared", kappa.shared()));
    }
    return new JsonObject()
        .put("waiting", queue.size())
        .put("settled", ratings.settled())
        .put("policy", queue.policy().mode().name())
        .put("raters", raters)
        .put(
            "agreement",
            new JsonObject()
                .put("alpha", finiteOrNull(agreement.alpha()))
                .put("pairs", agreement.pairs())
                .put("kappas", kappas));
  }

  private JsonObject progress(String rater) {
    HumanRatings.Progress progress = ratings.progress(rater);
    return new JsonObject()
        .put("labelled", progress.labelled())
        .put("goldSeen", progress.goldSeen())
        .put("goldCorrect", progress.goldCorrect());
  }

  private static JsonObject task(HumanTask task) {
    List<GeneratedImage> images = task.pair().getImages();
    String a = dataUrl(images.get(0));
    String b = dataUrl(images.get(1));
    return new JsonObject()
        .put("pair_id", task.pairId())
        .put("prompt", task.pair().getPrompt())
        .put("left", task.swapped() ? b : a)
        .put("right", task.swapped() ? a : b);
  }

  private static String dataUrl(GeneratedImage image) {
    ByteBuffer png = image.getPng();
    if (png == null) {
      String uri = image.getBlobUri();
      return uri != null && (uri.startsWith("http://") || uri.startsWith("https://")) ? uri : "";
    }
    byte[] bytes = new byte[png.remaining()];
    png.duplicate().get(bytes);
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
  }

  private static Double finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static void refuse(RoutingContext ctx, int status, String reason) {
    json(ctx, status, new JsonObject().put("reason", reason));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
