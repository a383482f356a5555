package prefloop.generator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import prefloop.broker.EmbeddedKafkaExtension;
import prefloop.diffusion.checkpoint.CheckpointManifest;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.ModelUpdate;
import prefloop.world.DecodedPng;
import prefloop.world.PngCodec;

/**
 * On a real broker with a tiny model: pairs carry the base version; a ModelUpdate served over HTTP
 * makes later pairs carry the new version; a tampered, a truncated and an unreachable checkpoint
 * are each rejected (metric, reason) and pairs keep the old version.
 */
@ExtendWith(VertxExtension.class)
class ModelSwapIT {
  @RegisterExtension static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.ephemeral();

  @Test
  void pairsFollowBroadcastVersionsAndBadCheckpointsAreRejected(Vertx vertx, @TempDir Path dir)
      throws Exception {
    Topics topics = kafka.topics();
    GeneratorConfig config =
        TinyCheckpoints.baseConfig(kafka.bootstrapServers(), dir)
            .withSampling(SamplingConfig.defaults().withSteps(3).withBatchSize(2))
            .withBackpressure(BackpressureConfig.defaults().withMaxBacklog(0));
    GeneratorVerticle generator = new GeneratorVerticle(config);
    vertx.deployVerticle(generator).await(120, TimeUnit.SECONDS);
    HttpServer files = serve(dir);
    try (KafkaConsumer<byte[], byte[]> pairs =
            KafkaTestClients.reader(kafka.bootstrapServers(), topics.pairs());
        KafkaProducer<byte[], byte[]> producer =
            KafkaTestClients.producer(kafka.bootstrapServers())) {
      // Given pairs of the base model
      List<GeneratedPair> first = readUntil(pairs, topics, 2, p -> true);
      assertThat(first).allSatisfy(p -> assertThat(p.getPolicyVersion()).isZero());
      GeneratedPair pair = first.get(0);
      assertThat(pair.getImages()).hasSize(2);
      assertThat(pair.getSharedXT()).isFalse();
      assertThat(pair.getSampler().getSteps()).isEqualTo(3);
      DecodedPng png = PngCodec.decode(bytes(pair.getImages().get(1).getPng()));
      assertThat(png.text())
          .containsEntry("prompt", pair.getPrompt())
          .containsEntry("seed", Long.toString(pair.getImages().get(1).getSeed()))
          .containsEntry("policy_version", "0");
      assertThat(png.image().width()).isEqualTo(8);

      // When the learner broadcasts v1 over HTTP, later pairs carry v1
      Broadcasts broadcasts = new Broadcasts(generator, producer, topics);
      CheckpointManifest v1 = writeVersion(dir, 1);
      broadcasts.send(TinyCheckpoints.update(v1, base(files) + "/v1", 1));
      readUntil(pairs, topics, 1, p -> p.getPolicyVersion() == 1);

      // A tampered v2, a truncated v3 served over HTTP and an unreachable v4 are each rejected
      // with their reason, and v1 keeps serving
      CheckpointManifest v2 = writeVersion(dir, 2);
      TinyCheckpoints.tamper(dir.resolve("v2"), v2);
      String v2Uri = dir.resolve("v2").toUri().toString();
      broadcasts.rejects(TinyCheckpoints.update(v2, v2Uri, 2), "sha256_mismatch");
      assertThat(generator.service().status().lastRejection()).contains("sha256");
      CheckpointManifest v3 = writeVersion(dir, 3);
      TinyCheckpoints.truncate(dir.resolve("v3"), v3);
      broadcasts.rejects(TinyCheckpoints.update(v3, base(files) + "/v3", 3), "corrupt");
      CheckpointManifest v4 = writeVersion(dir, 4);
      String nowhere = "http://127.0.0.1:" + closedPort();
      broadcasts.rejects(TinyCheckpoints.update(v4, nowhere, 4), "unreachable");
      pairs.poll(Duration.ZERO);
      List<GeneratedPair> after = readUntil(pairs, topics, 4, p -> true);
      assertThat(after).allSatisfy(p -> assertThat(p.getPolicyVersion()).isEqualTo(1));

      // Versions not above the served one are ignored (no load, no rejection)
      broadcasts.send(TinyCheckpoints.update(v1, base(files) + "/gone", 1));
      Thread.sleep(500);
      assertThat(generator.metrics().rejected("unreachable")).isEqualTo(1);
      assertThat(generator.service().status().version()).isEqualTo(1);
      assertThat(generator.metrics().scrape())
          .contains("generator_checkpoint_rejected_total{reason=\"sha256_mismatch\"} 1.0")
          .contains("generator_checkpoint_rejected_total{reason=\"corrupt\"} 1.0")
          .contains("generator_checkpoint_rejected_total{reason=\"unreachable\"} 1.0");
    } finally {
      files.stop(0);
    }
  }

  private static List<GeneratedPair> readUntil(
      KafkaConsumer<byte[], byte[]> consumer,
      Topics topics,
      int count,
      java.util.function.Predicate<GeneratedPair> wanted) {
    List<GeneratedPair> found = new ArrayList<>();
    Await.until(
        Duration.ofSeconds(90),
        count + " matching pairs",
        () -> {
          KafkaTestClients.poll(consumer, topics.pairs(), Duration.ofMillis(200)).stream()
              .filter(wanted)
              .forEach(found::add);
          return found.size() >= count;
        });
    return found;
  }

  /** Writes tiny checkpoint version {@code n} into {@code dir}/v{@code n}. */
  private static CheckpointManifest writeVersion(Path dir, int n) throws IOException {
    return TinyCheckpoints.write(dir.resolve("v" + n), n, n + 1);
  }

  /** Broadcasts ModelUpdates to {@code generator}, as the learner would. */
  private record Broadcasts(
      GeneratorVerticle generator, KafkaProducer<byte[], byte[]> producer, Topics topics) {
    void send(ModelUpdate u) throws Exception {
      producer
          .send(topics.modelUpdates().rawRecord(u.getRole().name(), u))
          .get(30, TimeUnit.SECONDS);
    }

    /** Sends {@code update} and waits until it is rejected for {@code reason}, and said so. */
    void rejects(ModelUpdate update, String reason) throws Exception {
      double before = generator.metrics().rejected(reason);
      send(update);
      Await.until(
          Duration.ofSeconds(60),
          "v" + update.getVersion() + " to be rejected as " + reason,
          () -> generator.metrics().rejected(reason) > before);
      assertThat(generator.service().status().lastRejection()).contains("v" + update.getVersion());
    }
  }

  private static String base(HttpServer files) {
    return "http://127.0.0.1:" + files.getAddress().getPort();
  }

  /** A loopback port that was free a moment ago, so nothing answers there. */
  private static int closedPort() throws IOException {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static byte[] bytes(java.nio.ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  /** A loopback file server for checkpoint directories under {@code root}. */
  private static HttpServer serve(Path root) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
          if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
          }
          byte[] body = Files.readAllBytes(file);
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return server;
  }
}
