package prefloop.reliability;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A remote reward model on loopback that speaks the rater's protocol and misbehaves by prompt: a
 * batch with a prompt containing {@code "yellow"} gets HTTP 500, one with {@code "green"} never
 * gets an answer (a hung scorer), any other batch gets a score per image.
 */
final class FaultyScorer implements AutoCloseable {
  private final HttpServer server;

  private FaultyScorer(HttpServer server) {
    this.server = server;
  }

  static FaultyScorer start(Vertx vertx) {
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body -> {
                              JsonArray prompts = body.toJsonObject().getJsonArray("prompts");
                              String all = prompts.encode();
                              if (all.contains("green")) {
                                return; // never answered
                              }
                              if (all.contains("yellow")) {
                                request.response().setStatusCode(500).end("scorer crashed");
                                return;
                              }
                              JsonArray scores = new JsonArray();
                              for (int i = 0; i < prompts.size(); i++) {
                                scores.add(i % 2 == 0 ? 0.8 : 0.2);
                              }
                              request
                                  .response()
                                  .putHeader("Content-Type", "application/json")
                                  .end(new JsonObject().put("scores", scores).encode());
                            }))
            .listen(0, "127.0.0.1")
            .await();
    return new FaultyScorer(server);
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/score";
  }

  @Override
  public void close() {
    server.close().await();
  }
}
