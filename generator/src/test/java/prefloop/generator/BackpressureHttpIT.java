package prefloop.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import prefloop.broker.EmbeddedKafkaExtension;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.world.DecodedPng;
import prefloop.world.PngCodec;

/**
 * On a real broker with a tiny model in TRAJECTORY mode: production pauses when the raters' backlog
 * reaches the bound and resumes when they catch up; trajectories too large to inline are served as
 * blobs; the HTTP endpoints answer bad input with 400 and a reason.
 */
@ExtendWith(VertxExtension.class)
class BackpressureHttpIT {
  private static final String RED = "a small red circle on a blue background, top left";
  private static final int BOUND = 4;

  @RegisterExtension static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.ephemeral();
  private final HttpClient http = HttpClient.newHttpClient();
  private String base;

  @Test
  void backpressurePausesAndResumesAndHttpRefusesBadInput(Vertx vertx, @TempDir Path dir)
      throws Exception {
    Topics topics = kafka.topics();
    SamplingConfig trajectories =
        new SamplingConfig(3, 1.0, 2.0, GenerationMode.TRAJECTORY, 2, 2, 0, 1);
    GeneratorConfig config =
        TinyCheckpoints.baseConfig(kafka.bootstrapServers(), dir)
            .withSampling(trajectories)
            .withBackpressure(
                new BackpressureConfig(
                    BOUND, 0, "it-raters", "it-learner", Duration.ofMillis(100)));
    GeneratorVerticle generator = new GeneratorVerticle(config);
    vertx.deployVerticle(generator).await(120, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + generator.httpPort();
    GeneratorService service = generator.service();

    try (KafkaConsumer<byte[], byte[]> reader =
        KafkaTestClients.reader(kafka.bootstrapServers(), topics.pairs())) {
      // Given no rater consumes, production stops at the bound
      Await.until(Duration.ofSeconds(90), "backpressure", () -> service.status().paused());
      // a batch already being sampled when the pause began may still land: let it settle first
      Thread.sleep(1500);
      long held = KafkaTestClients.endOffsets(reader, topics.pairs());
      Thread.sleep(1000);
      assertThat(KafkaTestClients.endOffsets(reader, topics.pairs())).isEqualTo(held);
      // The backlog is measured every 100 ms and a batch of this 8×8 model takes a few ms, so
      // several batches of 2 land between two measurements (five, once): allow eight past the
      // bound. That production then stops is what the test is about.
      assertThat(held).isBetween((long) BOUND, (long) BOUND + 8 * 2);
      assertThat(get("/status").body()).contains("\"paused\":true");
      assertThat(get("/metrics").body()).contains("generator_paused 1.0");

      // Trajectories: shared x_T, blob served over HTTP with the announced shape
      GeneratedPair pair =
          KafkaTestClients.poll(reader, topics.pairs(), Duration.ofSeconds(5)).get(0);
      assertThat(pair.getSharedXT()).isTrue();
      assertThat(pair.getTrajectory().getShape()).containsExactly(2, 4, 3, 8, 8);
      HttpResponse<byte[]> blob =
          http.send(
              HttpRequest.newBuilder(URI.create(pair.getTrajectory().getBlobUri())).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(blob.statusCode()).isEqualTo(200);
      assertThat(blob.body()).hasSize(2 * 4 * 3 * 8 * 8 * 4);

      checkHttp();
      String queuedId = postPrompt();

      // When a rater catches up, production resumes and the posted prompt is served
      try (KafkaConsumer<byte[], byte[]> rater =
          KafkaTestClients.consumer(kafka.bootstrapServers(), "it-raters")) {
        rater.subscribe(List.of(topics.pairs().name()));
        List<GeneratedPair> served = new ArrayList<>();
        Await.until(
            Duration.ofSeconds(90),
            "production to resume and serve the posted prompt",
            () -> {
              served.addAll(KafkaTestClients.poll(rater, topics.pairs(), Duration.ofMillis(200)));
              rater.commitSync();
              return served.stream().anyMatch(p -> p.getPromptId().equals(queuedId));
            });
        assertThat(KafkaTestClients.endOffsets(reader, topics.pairs())).isGreaterThan(held);
        assertThat(served.stream().filter(p -> p.getPromptId().equals(queuedId)).findFirst())
            .hasValueSatisfying(p -> assertThat(p.getPrompt()).isEqualTo(RED));
      }
    }
  }

  private void checkHttp() throws Exception {
    HttpResponse<byte[]> one =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/generate?prompt=" + enc(RED) + "&seed=5"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(one.statusCode()).isEqualTo(200);
    DecodedPng png = PngCodec.decode(one.body());
    assertThat(png.image().width()).isEqualTo(8);
    assertThat(png.text()).containsEntry("seed", "5").containsEntry("prompt", RED);
    HttpResponse<byte[]> strip =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/generate?prompt=" + enc(RED) + "&n=3"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(PngCodec.decode(strip.body()).image().width()).isEqualTo(3 * 8 + 4);

    assertBad("/generate", "missing query parameter 'prompt'");
    assertBad("/generate?prompt=" + enc("a small red dragon"), "vocabulary");
    assertBad("/generate?prompt=" + enc("a ".repeat(120)), "at most 200");
    assertBad("/generate?prompt=" + enc(RED) + "&n=17", "n = 17");
    assertBad("/generate?prompt=" + enc(RED) + "&n=0", "n = 0");
    assertBad("/generate?prompt=" + enc(RED) + "&seed=abc", "seed = 'abc'");
    HttpResponse<String> badPost = post("text/plain", RED + "\na purple dragon");
    assertThat(badPost.statusCode()).isEqualTo(400);
    assertThat(badPost.body()).contains("prompt 2").contains("dragon");

    assertThat(get("/health").statusCode()).isEqualTo(200);
    assertThat(get("/metrics").body()).contains("generator_pairs_published_total");
    assertThat(get("/nope").statusCode()).isEqualTo(404);
  }

  private String postPrompt() throws Exception {
    HttpResponse<String> accepted = post("application/json", "{\"text\": \"" + RED + "\"}");
    assertThat(accepted.statusCode()).isEqualTo(202);
    return new JsonObject(accepted.body()).getJsonArray("ids").getString(0);
  }

  private void assertBad(String path, String reason) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(path).isEqualTo(400);
    assertThat(new JsonObject(response.body()).getString("error")).contains(reason);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String type, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/prompts"))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
