package prefloop.app.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import prefloop.evaluation.WinRate;
import prefloop.world.RgbImage;

/** The sentinel's alarm reaches the learner's rollback endpoint (a loopback server here). */
class SentinelWatchTest {
  private static final List<String> PROMPTS = List.of("a", "a", "b", "b");
  private static final Map<String, Boolean> HELD_OUT =
      Map.of("fidelity", false, "aesthetic-heldout", true);
  private static final Map<String, WinRate> HACKED = winRates(0.9, 0.2);
  private static final Map<String, WinRate> LEVEL = winRates(0.5, 0.5);

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer learner;

  @BeforeEach
  void startLearnerStandIn() throws IOException {
    learner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    learner.createContext(
        "/control/rollback",
        exchange -> {
          requests.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] answer = "{\"rollingBackTo\":1}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(202, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    learner.start();
  }

  @AfterEach
  void stop() {
    learner.stop(0);
  }

  @Test
  void anAlarmAsksTheLearnerToGoBackToTheLastGoodVersionAndIsRecorded() {
    SentinelWatch watch =
        new SentinelWatch(
            SentinelConfig.defaults(),
            new LearnerControl("http://127.0.0.1:" + learner.getAddress().getPort()),
            Clock.systemUTC());
    watch.base(PROMPTS, images());
    watch.judge(1, LEVEL, HELD_OUT, PROMPTS, images());
    watch.judge(2, HACKED, HELD_OUT, PROMPTS, images());
    assertThat(requests).isEmpty();

    watch.judge(3, HACKED, HELD_OUT, PROMPTS, images());

    assertThat(requests).hasSize(1);
    JsonObject request = new JsonObject(requests.get(0));
    assertThat(request.getLong("toVersion")).isEqualTo(1);
    assertThat(request.getDouble("learningRateFactor")).isEqualTo(0.5);
    assertThat(request.getDouble("betaFactor")).isEqualTo(1.0);
    assertThat(request.getBoolean("pause")).isFalse();
    assertThat(request.getString("reason")).contains("v3", "aesthetic-heldout");
    JsonObject state = watch.toJson();
    assertThat(state.getLong("alertsTotal")).isEqualTo(1);
    assertThat(state.getLong("flagged")).isEqualTo(2);
    JsonObject alert = state.getJsonArray("alerts").getJsonObject(0);
    assertThat(alert.getString("action")).isEqualTo("ROLLBACK");
    assertThat(alert.getString("outcome")).contains("rollingBackTo");
  }

  @Test
  void freezeRollsBackWithTheConfiguredBetaAndAsksTheLearnerToPause() {
    SentinelWatch watch =
        new SentinelWatch(
            SentinelConfig.defaults()
                .withAction(SentinelAction.FREEZE)
                .withPatience(1)
                .withBetaFactor(4),
            new LearnerControl("http://127.0.0.1:" + learner.getAddress().getPort()),
            Clock.systemUTC());
    watch.base(PROMPTS, images());
    watch.judge(1, LEVEL, HELD_OUT, PROMPTS, images());

    watch.judge(2, HACKED, HELD_OUT, PROMPTS, images());

    assertThat(requests).hasSize(1);
    JsonObject request = new JsonObject(requests.get(0));
    assertThat(request.getLong("toVersion")).isEqualTo(1);
    assertThat(request.getDouble("betaFactor")).isEqualTo(4.0);
    assertThat(request.getBoolean("pause")).isTrue();
    JsonObject alert = watch.toJson().getJsonArray("alerts").getJsonObject(0);
    assertThat(alert.getString("action")).isEqualTo("FREEZE");
  }

  /** The event loop reads the state every push: a slow learner must not stall it. */
  @Test
  void theStateStaysReadableWhileASlowLearnerIsAsked() throws Exception {
    learner.createContext(
        "/slow/control/rollback",
        exchange -> {
          try {
            Thread.sleep(2_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(202, -1);
          exchange.close();
        });
    SentinelWatch watch =
        new SentinelWatch(
            SentinelConfig.defaults().withPatience(1),
            new LearnerControl("http://127.0.0.1:" + learner.getAddress().getPort() + "/slow/"),
            Clock.systemUTC());
    watch.base(PROMPTS, images());
    Thread judging = new Thread(() -> watch.judge(1, HACKED, HELD_OUT, PROMPTS, images()));
    judging.start();
    Thread.sleep(300);

    long start = System.nanoTime();
    JsonObject state = watch.toJson();
    long millis = (System.nanoTime() - start) / 1_000_000;
    judging.join();

    assertThat(millis).as("ms to read the state during the rollback request").isLessThan(500);
    assertThat(state.getLong("judged")).isEqualTo(1);
    assertThat(watch.alertsTotal()).isEqualTo(1);
  }

  @Test
  void anUnreachableLearnerOrNoLearnerLeavesAnAlertThatSaysSo() {
    SentinelConfig now = SentinelConfig.defaults().withPatience(1);
    SentinelWatch unreachable =
        new SentinelWatch(now, new LearnerControl("http://127.0.0.1:1/"), Clock.systemUTC());
    SentinelWatch alone = new SentinelWatch(now, null, Clock.systemUTC());
    for (SentinelWatch watch : List.of(unreachable, alone)) {
      watch.base(PROMPTS, images());
      watch.judge(1, HACKED, HELD_OUT, PROMPTS, images());
    }

    assertThat(unreachable.alerts().get(0).outcome()).startsWith("rollback failed");
    assertThat(alone.alerts().get(0).action()).isEqualTo(SentinelAction.ALERT);
    assertThat(alone.alerts().get(0).outcome()).contains("no learner URL");
  }

  /** Win rates (standard error 0.05) by the trained-on and the held-out reward model. */
  private static Map<String, WinRate> winRates(double fidelity, double heldOut) {
    return Map.of(
        "fidelity",
        new WinRate(fidelity, 0.05, 0, 0, 0),
        "aesthetic-heldout",
        new WinRate(heldOut, 0.05, 0, 0, 0));
  }

  private static List<RgbImage> images() {
    return List.of(
        RgbImage.filled(4, 4, new float[] {0.2f, 0.3f, 0.4f}),
        RgbImage.filled(4, 4, new float[] {0.6f, 0.3f, 0.2f}),
        RgbImage.filled(4, 4, new float[] {0.4f, 0.5f, 0.4f}),
        RgbImage.filled(4, 4, new float[] {0.3f, 0.7f, 0.5f}));
  }
}
