package prefloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import prefloop.broker.EmbeddedKafkaExtension;
import prefloop.broker.TopicReader;
import prefloop.diffusion.checkpoint.ServiceToken;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.GeneratedPair;

/**
 * The loop with a service token set: generators still download the learner's checkpoints (they send
 * the token), while a request without it is refused by the learner's checkpoints and the
 * generator's {@code /generate}; health and status stay open.
 */
class ServiceTokenIT {
  private static final String PREFIX = "tokenit.";
  private static final String SECRET = "it-service-secret";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;

  @RegisterExtension
  static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.withPrefix(PREFIX);

  @BeforeAll
  static void start() {
    System.setProperty(ServiceToken.PROPERTY, SECRET);
  }

  @AfterAll
  static void stop() {
    System.clearProperty(ServiceToken.PROPERTY);
  }

  private static int get(String url, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void servicesShowEachOtherTheTokenAndRefuseRequestsWithoutIt() throws Exception {
    Path base = LoopFixtures.smallBase(dir.resolve("base"));
    LoopPlan plan =
        LoopFixtures.fastPlan(kafka.bootstrapServers(), PREFIX, base, dir.resolve("run"));
    try (LocalLoop loop = LocalLoop.start(plan);
        TopicReader<GeneratedPair> pairs =
            new TopicReader<>(kafka.bootstrapServers(), Topics.withPrefix(PREFIX).pairs())) {
      LoopFixtures.await(
          () -> pairs.poll().stream().anyMatch(p -> p.getPolicyVersion() >= 1),
          "a pair sampled by policy v1, which the generator downloaded with the token",
          Duration.ofMinutes(4));

      String learner = loop.learnerUrl().replace("/status", "");
      String manifest = learner + "/checkpoints/policy-v000001/manifest.json";
      assertThat(get(manifest, null)).as("checkpoint without a token").isEqualTo(401);
      assertThat(get(manifest, "wrong")).as("checkpoint with a wrong token").isEqualTo(401);
      assertThat(get(manifest, SECRET)).as("checkpoint with the token").isEqualTo(200);
      assertThat(get(loop.learnerUrl(), null)).as("learner status").isEqualTo(200);

      String generator = loop.generatorUrl().replace("/status", "");
      String generate =
          generator + "/generate?prompt=a%20small%20red%20circle%20on%20a%20blue%20background";
      assertThat(get(generate, null)).as("/generate without a token").isEqualTo(401);
      assertThat(get(loop.generatorUrl(), null)).as("generator status").isEqualTo(200);
    }
  }
}
