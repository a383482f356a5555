package prefloop.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import prefloop.broker.EmbeddedKafkaExtension;
import prefloop.broker.TestMessages;
import prefloop.rater.human.HumanPolicy;
import prefloop.rater.model.ModelSpec;
import prefloop.rater.service.RaterConfig;
import prefloop.rater.service.RaterVerticle;
import prefloop.schemas.avro.DeadLetter;
import prefloop.schemas.avro.Preference;

/**
 * A remote reward model that fails (HTTP 500) or hangs on some pairs: those pairs go to the
 * dead-letter topic with their coordinates and the reason, and the rater keeps rating the others,
 * including pairs that arrive after the failures.
 */
class RewardModelFaultIT {
  private static final String PREFIX = "rmf.";
  private static final Duration MODEL_TIMEOUT = Duration.ofSeconds(2);

  @RegisterExtension
  static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.withPrefix(PREFIX);

  private static Vertx vertx;
  private static FaultyScorer scorer;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    scorer = FaultyScorer.start(vertx);
    RaterConfig config =
        RaterConfig.defaults(kafka.bootstrapServers())
            .withTopicPrefix(PREFIX)
            .withModels(
                List.of(
                    ModelSpec.parse("aesthetic:aesthetic:1:0.1"),
                    ModelSpec.parse("remote:remote:1:1:" + scorer.url())),
                Models.REWARD_DIR)
            .withHttp(0, "")
            .withHuman(new HumanPolicy(HumanPolicy.Mode.NONE, 0, 10), Duration.ZERO);
    config =
        new RaterConfig(
            config.bootstrapServers(),
            config.topicPrefix(),
            config.raterId(),
            config.groupId(),
            config.models(),
            config.modelDir(),
            config.mode(),
            config.temperature(),
            config.tieMargin(),
            config.seed(),
            config.human(),
            config.httpPort(),
            config.token(),
            config.labelsPerMinute(),
            config.undoWindow(),
            MODEL_TIMEOUT,
            config.jsonIngress(),
            config.groupPairs(),
            prefloop.diffusion.model.DeviceChoice.AUTO,
            "127.0.0.1",
            null);
    vertx.deployVerticle(new RaterVerticle(config)).await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void failingAndHangingScorersDeadLetterTheirPairsAndTheRaterKeepsGoing() {
    String good = "a small red circle on a blue background, top left";
    String failing = "a small yellow square on a black background, centre";
    String hanging = "a large green triangle on a white background, bottom right";
    RecordMetadata failed;
    RecordMetadata hung;
    try (KafkaProducer<byte[], byte[]> producer = RawKafka.producer(kafka.bootstrapServers())) {
      // given two good pairs, one the scorer fails on and one it never answers
      sendPair(producer, "good-1", good, 1);
      failed = sendPair(producer, "fail-1", failing, 2);
      hung = sendPair(producer, "hang-1", hanging, 3);
      sendPair(producer, "good-2", good, 4);
      Await.until(
          "both faulty pairs to be dead-lettered",
          Duration.ofSeconds(90),
          () ->
              RawKafka.readAll(kafka.bootstrapServers(), kafka.topics().deadLetter()).size() >= 2);
      // when more pairs arrive after the failures
      sendPair(producer, "good-3", good, 5);
    }

    // then every good pair became a preference and the faulty ones are dead letters with reasons
    Await.until(
        "three preferences",
        Duration.ofSeconds(90),
        () -> RawKafka.readAll(kafka.bootstrapServers(), kafka.topics().preferences()).size() >= 3);
    List<String> rated =
        RawKafka.readAll(kafka.bootstrapServers(), kafka.topics().preferences()).stream()
            .map(ConsumerRecord::value)
            .map(Preference::getPairId)
            .toList();
    assertThat(rated).containsExactlyInAnyOrder("good-1", "good-2", "good-3");
    List<DeadLetter> letters =
        RawKafka.readAll(kafka.bootstrapServers(), kafka.topics().deadLetter()).stream()
            .map(ConsumerRecord::value)
            .toList();
    assertThat(letters)
        .allSatisfy(
            d -> {
              assertThat(d.getSourceTopic()).isEqualTo(kafka.topics().pairs().name());
              assertThat(d.getErrorClass()).isEqualTo("REWARD_MODEL_FAILED");
            });
    assertThat(letters)
        .hasSize(2)
        .anySatisfy(
            d -> {
              assertThat(d.getPartition()).isEqualTo(failed.partition());
              assertThat(d.getOffset()).isEqualTo(failed.offset());
              assertThat(d.getReason()).contains("HTTP 500");
            })
        .anySatisfy(
            d -> {
              assertThat(d.getPartition()).isEqualTo(hung.partition());
              assertThat(d.getOffset()).isEqualTo(hung.offset());
              assertThat(d.getReason()).contains("modelTimeout");
            });
  }

  /** Sends a rendered pair, keyed by its id, as the {@code index}-th pair of round 1. */
  private static RecordMetadata sendPair(
      KafkaProducer<byte[], byte[]> producer, String pairId, String prompt, int index) {
    return RawKafka.send(
        producer,
        kafka.topics().pairs(),
        pairId,
        TestMessages.renderedPair(pairId, prompt, 1, index));
  }
}
