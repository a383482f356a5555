package prefloop.rater.kafka;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import prefloop.rater.service.RaterMetrics;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.DeadLetter;
import prefloop.schemas.avro.Preference;

/** Writes preferences and dead letters; every send's result is returned to the caller. */
public final class Publisher implements AutoCloseable {
  public static final String SERVICE = "rater";

  private final Producer<byte[], byte[]> producer;
  private final Topics topics;
  private final RaterMetrics metrics;

  public Publisher(String bootstrapServers, Topics topics, RaterMetrics metrics) {
    this.producer = new KafkaProducer<>(KafkaSettings.producer(bootstrapServers, "prefloop-rater"));
    this.topics = topics;
    this.metrics = metrics;
  }

  /** Sends a preference keyed by pair id; completes when the broker acknowledged it (acks=all). */
  public CompletableFuture<RecordMetadata> preference(Preference preference) {
    return send(topics.preferences().rawRecord(preference.getPairId(), preference));
  }

  /** Sends a dead letter keyed by source topic. */
  public CompletableFuture<RecordMetadata> deadLetter(DeadLetter letter) {
    metrics.deadLetter();
    return send(topics.deadLetter().rawRecord(letter.getSourceTopic(), letter));
  }

  /** A dead letter for a record we decoded but would not accept. */
  public CompletableFuture<RecordMetadata> reject(
      String topic,
      int partition,
      long offset,
      byte[] key,
      byte[] value,
      String reason,
      String errorClass) {
    return deadLetter(
        DeadLetter.newBuilder()
            .setSourceTopic(topic)
            .setPartition(partition)
            .setOffset(offset)
            .setKey(key == null ? null : java.nio.ByteBuffer.wrap(key))
            .setValue(value == null ? null : java.nio.ByteBuffer.wrap(value))
            .setReason(reason)
            .setErrorClass(errorClass)
            .setService(SERVICE)
            .setAt(Instant.now())
            .build());
  }

  private CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
    CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
    producer.send(
        record,
        (metadata, error) -> {
          if (error != null) {
            result.completeExceptionally(error);
          } else {
            result.complete(metadata);
          }
        });
    return result;
  }

  @Override
  public void close() {
    producer.close();
  }
}
