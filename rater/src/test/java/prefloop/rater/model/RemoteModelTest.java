package prefloop.rater.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import prefloop.world.PngCodec;
import prefloop.world.RgbImage;

/** Against a real loopback Vert.x server that can be told to delay or fail. */
class RemoteModelTest {
  private static Vertx vertx;
  private static HttpServer server;
  private static final AtomicInteger requests = new AtomicInteger();
  private static final AtomicInteger failuresLeft = new AtomicInteger();
  private static volatile int failStatus = 503;
  private static volatile long delayMs;

  // a timeout only the timeout test should meet: a busy machine once took over 5 s for a first call
  private static final Duration PATIENT = Duration.ofSeconds(60);

  private static final RgbImage RED = RgbImage.filled(8, 8, new float[] {0.8f, 0.1f, 0.1f});
  private static final RgbImage DARK = RgbImage.filled(8, 8, new float[] {0.2f, 0.1f, 0.1f});

  @BeforeAll
  static void startServer() {
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            body -> {
                              requests.incrementAndGet();
                              if (failuresLeft.getAndDecrement() > 0) {
                                req.response()
                                    .setStatusCode(failStatus)
                                    .end("{\"error\":\"told to fail\"}");
                                return;
                              }
                              vertx.setTimer(
                                  Math.max(1, delayMs),
                                  t -> req.response().end(meanRed(body.toJsonObject()).encode()));
                            }))
            .listen(0)
            .await();
  }

  /** The server's scorer: mean red channel of each PNG. */
  private static JsonObject meanRed(JsonObject request) {
    JsonArray scores = new JsonArray();
    for (Object png : request.getJsonArray("images_png_base64")) {
      RgbImage image = PngCodec.decode(java.util.Base64.getDecoder().decode((String) png)).image();
      double sum = 0;
      for (int i = 0; i < image.width() * image.height(); i++) {
        sum += image.data()[i];
      }
      scores.add(sum / (image.width() * image.height()));
    }
    return new JsonObject().put("scores", scores);
  }

  @AfterAll
  static void stopServer() {
    vertx.close().await();
  }

  @BeforeEach
  void reset() {
    requests.set(0);
    failuresLeft.set(0);
    failStatus = 503;
    delayMs = 0;
  }

  private static RemoteModel model(Duration timeout, int attempts) {
    URI url = URI.create("http://127.0.0.1:" + server.actualPort() + "/score");
    return new RemoteModel(
        "remote", new RemoteScorerConfig(url, timeout, attempts, Duration.ofMillis(20)));
  }

  @Test
  void scoresComeBackInOrder() {
    double[] scores = model(PATIENT, 1).score(List.of("p", "q"), List.of(RED, DARK));
    assertThat(scores[0]).isBetween(0.79, 0.81);
    assertThat(scores[1]).isBetween(0.19, 0.21);
  }

  @Test
  void serverErrorsAreRetriedWithBackoffUntilSuccess() {
    failuresLeft.set(2);
    double[] scores = model(PATIENT, 3).score(List.of("p"), List.of(RED));
    assertThat(scores[0]).isBetween(0.79, 0.81);
    assertThat(requests.get()).isEqualTo(3);
  }

  @Test
  void aSlowServerTimesOutOnEveryAttemptThenFails() {
    delayMs = 2_000;
    assertThatThrownBy(() -> model(Duration.ofMillis(150), 2).score(List.of("p"), List.of(RED)))
        .isInstanceOf(RewardModelException.class)
        .hasMessageContaining("failed 2 attempts");
    assertThat(requests.get()).isEqualTo(2);
  }

  @Test
  void clientErrorsFailAtOnce() {
    failuresLeft.set(5);
    failStatus = 400;
    assertThatThrownBy(() -> model(PATIENT, 3).score(List.of("p"), List.of(RED)))
        .isInstanceOf(RewardModelException.class)
        .hasMessageContaining("HTTP 400");
    assertThat(requests.get()).isEqualTo(1);
  }
}
