package prefloop.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import prefloop.broker.EmbeddedKafkaExtension;
import prefloop.broker.TestMessages;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.GeneratedImage;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.world.PngCodec;

/**
 * On a real broker with a tiny model: a prompt requested on the prompts topic is committed only
 * once its pair is published, so a generator that stops after queueing it (held by backpressure)
 * leaves it to the next one; that one samples it as a group of K = 4 images and then commits it.
 */
@ExtendWith(VertxExtension.class)
class RequestedPromptsIT {
  private static final String GROUP = "it-generators";
  private static final String PROMPT = "a large green square on a white background, centre";

  @RegisterExtension static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.ephemeral();

  @Test
  void aQueuedPromptSurvivesAGeneratorThatStopsBeforePublishingIt(Vertx vertx, @TempDir Path dir)
      throws Exception {
    Topics topics = kafka.topics();
    GeneratorConfig requestedOnly =
        TinyCheckpoints.baseConfig(kafka.bootstrapServers(), dir)
            .withConsumerGroup(GROUP)
            .withPrompts(PromptMix.defaults().withoutBuiltin())
            .withSampling(SamplingConfig.defaults().withSteps(3).withBatchSize(2).withGroupSize(4));
    try (KafkaProducer<byte[], byte[]> producer =
            KafkaTestClients.producer(kafka.bootstrapServers());
        Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      // Given a generator held by backpressure: one untrained preference, bound 1
      producer
          .send(
              new ProducerRecord<>(
                  topics.preferences().name(), bytes("x"), bytes("an untrained preference")))
          .get(30, TimeUnit.SECONDS);
      GeneratorVerticle held =
          new GeneratorVerticle(
              requestedOnly.withBackpressure(
                  new BackpressureConfig(1, 0, "it-raters", "it-learner", Duration.ofMillis(100))));
      String heldId = deploy(vertx, held);
      Await.until(Duration.ofSeconds(60), "backpressure", () -> held.service().status().paused());

      // When a prompt is requested, it is queued but neither sampled nor committed
      producer
          .send(topics.prompts().rawRecord("req-1", TestMessages.promptRequest("req-1", PROMPT)))
          .get(30, TimeUnit.SECONDS);
      Await.until(
          Duration.ofSeconds(60),
          "the request to be queued",
          () -> held.service().status().queuedPrompts() == 1);
      Thread.sleep(1000);
      assertThat(held.service().status().unacknowledgedPrompts()).isEqualTo(1);
      assertThat(committed(admin)).isZero();

      // and the generator stops before publishing it: still not committed
      vertx.undeploy(heldId).await(60, TimeUnit.SECONDS);
      assertThat(committed(admin)).isZero();

      // Then the next generator of the group samples it, as a group of 4, and commits it
      GeneratorVerticle next = new GeneratorVerticle(requestedOnly);
      deploy(vertx, next);
      GeneratedPair group = readPairFor("req-1", topics);
      assertThat(group.getPrompt()).isEqualTo(PROMPT);
      assertThat(group.getImages()).hasSize(4);
      assertThat(group.getImages()).extracting(GeneratedImage::getSeed).doesNotHaveDuplicates();
      for (GeneratedImage image : group.getImages()) {
        assertThat(PngCodec.decode(bytes(image.getPng())).text())
            .containsEntry("seed", Long.toString(image.getSeed()))
            .containsEntry("prompt", PROMPT);
      }
      Await.until(
          Duration.ofSeconds(30), "the request to be committed", () -> committed(admin) == 1);
      assertThat(next.service().status().groupSize()).isEqualTo(4);
      assertThat(next.service().status().unacknowledgedPrompts()).isZero();
    }
  }

  private static String deploy(Vertx vertx, GeneratorVerticle generator) throws Exception {
    return vertx.deployVerticle(generator).await(120, TimeUnit.SECONDS);
  }

  private static GeneratedPair readPairFor(String requestId, Topics topics) {
    List<GeneratedPair> found = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> pairs =
        KafkaTestClients.reader(kafka.bootstrapServers(), topics.pairs())) {
      Await.until(
          Duration.ofSeconds(90),
          "the pair of " + requestId,
          () -> {
            KafkaTestClients.poll(pairs, topics.pairs(), Duration.ofMillis(200)).stream()
                .filter(p -> p.getPromptId().equals(requestId))
                .forEach(found::add);
            return !found.isEmpty();
          });
    }
    return found.get(0);
  }

  /** Offsets the group committed on the prompts topic, summed over partitions. */
  private static long committed(Admin admin) {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(GROUP)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      return offsets.entrySet().stream()
          .filter(e -> e.getKey().topic().equals(kafka.topics().prompts().name()))
          .filter(e -> e.getValue() != null)
          .mapToLong(e -> e.getValue().offset())
          .sum();
    } catch (Exception e) {
      throw new AssertionError("cannot read the committed offsets of " + GROUP, e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
