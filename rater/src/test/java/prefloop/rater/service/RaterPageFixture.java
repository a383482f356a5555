package prefloop.rater.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.KafkaProducer;
import prefloop.broker.EmbeddedKafka;
import prefloop.rater.TestPairs;
import prefloop.rater.kafka.KafkaSettings;
import prefloop.rater.model.ModelSpec;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.GeneratedPair;

/**
 * For the rating-page ITs: a broker and a rater (the aesthetic model, a free port) whose page waits
 * with the given pairs for people.
 */
final class RaterPageFixture implements AutoCloseable {
  final EmbeddedKafka kafka;
  final Topics topics;
  final Vertx vertx;
  final RaterVerticle rater;

  private RaterPageFixture(EmbeddedKafka kafka, Vertx vertx, RaterVerticle rater) {
    this.kafka = kafka;
    this.topics = kafka.topics();
    this.vertx = vertx;
    this.rater = rater;
  }

  /** Starts it; {@code adjust} sets what the test needs (human policy, tokens) on the config. */
  static RaterPageFixture start(UnaryOperator<RaterConfig> adjust, List<GeneratedPair> pairs)
      throws Exception {
    EmbeddedKafka kafka = EmbeddedKafka.start();
    RaterConfig config =
        adjust.apply(
            RaterConfig.defaults(kafka.bootstrapServers())
                .withModels(
                    List.of(ModelSpec.parse("aesthetic:aesthetic:1:0.1")), TestPairs.MODEL_DIR)
                .withHttp(0, ""));
    Vertx vertx = Vertx.vertx();
    RaterVerticle rater = new RaterVerticle(config);
    vertx.deployVerticle(rater).await();
    RaterPageFixture fixture = new RaterPageFixture(kafka, vertx, rater);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(KafkaSettings.producer(kafka.bootstrapServers(), "it"))) {
      for (GeneratedPair pair : pairs) {
        producer.send(fixture.topics.pairs().rawRecord(pair.getPairId(), pair)).get();
      }
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (rater.humanQueue().size() < pairs.size() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(rater.humanQueue().size()).as("pairs waiting for people").isEqualTo(pairs.size());
    return fixture;
  }

  /** The page's base URL, e.g. {@code http://127.0.0.1:PORT}. */
  String url() {
    return "http://127.0.0.1:" + rater.port();
  }

  @Override
  public void close() {
    vertx.close().await();
    kafka.close();
  }
}
