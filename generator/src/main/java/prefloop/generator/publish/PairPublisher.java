package prefloop.generator.publish;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.generator.GeneratorMetrics;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.DeadLetter;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.kafka.DeadLetters;

/**
 * Publishes pairs (keyed by pair id) and dead letters through one idempotent, acks=all producer.
 * Every send's outcome is handled: acknowledged pairs are counted, failures logged and counted (the
 * producer already retried them until its delivery timeout).
 */
public final class PairPublisher implements DeadLetterSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PairPublisher.class);

  private final Producer<byte[], byte[]> producer;
  private final Topics topics;
  private final GeneratorMetrics metrics;

  public PairPublisher(Producer<byte[], byte[]> producer, Topics topics, GeneratorMetrics metrics) {
    this.producer = producer;
    this.topics = topics;
    this.metrics = metrics;
  }

  /** Sends {@code pair}; the future completes when Kafka acknowledged it (or fails). */
  public CompletableFuture<RecordMetadata> publish(GeneratedPair pair) {
    CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
    String id = pair.getPairId();
    producer.send(
        topics.pairs().rawRecord(id, pair),
        (metadata, error) -> {
          if (error == null) {
            metrics.pairPublished();
            result.complete(metadata);
          } else {
            metrics.publishFailed();
            LOG.error("pair {} was not published: {}", id, error.toString());
            result.completeExceptionally(error);
          }
        });
    return result;
  }

  @Override
  public void send(DeadLetter letter) {
    DeadLetters.send(producer, topics, letter);
  }

  /** Waits until every send so far is acknowledged or failed. */
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
