package prefloop.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import prefloop.schemas.Topic;

/**
 * Raw byte[] producers and consumers for tests, shared with the other modules through the broker's
 * test-jar (learner and reliability depend on it).
 */
public final class KafkaClients {
  private KafkaClients() {}

  /** An idempotent producer (acks all) of raw records up to 4 MiB. */
  public static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
            4 * 1024 * 1024),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  /** A consumer of a fresh group that starts at the earliest offset and never commits. */
  public static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /** Reads {@code count} records of one partition from {@code offset} on (or what came in 30 s). */
  public static List<ConsumerRecord<byte[], byte[]>> read(
      String bootstrap, TopicPartition partition, long offset, int count) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      consumer.assign(List.of(partition));
      consumer.seek(partition, offset);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records.subList(0, Math.min(count, records.size()));
  }

  /**
   * Every record of {@code topic} now in the broker, decoded: reads until nothing new came for 2 s
   * (at least 5 s).
   */
  public static <V> List<ConsumerRecord<String, V>> readAll(
      String bootstrap, Topic<String, V> topic) {
    List<ConsumerRecord<String, V>> result = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
      consumer.subscribe(List.of(topic.name()));
      long quietUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (System.nanoTime() < quietUntil) {
        for (ConsumerRecord<byte[], byte[]> raw : consumer.poll(Duration.ofMillis(200))) {
          result.add(topic.decoder().decode(raw));
          quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        }
      }
    }
    return result;
  }
}
