package prefloop.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import prefloop.schemas.Topic;

/** Byte-level Kafka clients for tests: an idempotent producer and a read-everything consumer. */
final class RawKafka {
  private RawKafka() {}

  static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
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

  static <V> RecordMetadata send(
      KafkaProducer<byte[], byte[]> producer, Topic<String, V> topic, String key, V value) {
    return await(producer.send(topic.rawRecord(key, value)));
  }

  static RecordMetadata sendRaw(
      KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value) {
    return await(producer.send(new ProducerRecord<>(topic, key.getBytes(), value)));
  }

  private static RecordMetadata await(java.util.concurrent.Future<RecordMetadata> sent) {
    try {
      return sent.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("send failed: " + e, e);
    }
  }

  /** Every record of {@code topic} now in the broker, decoded (reads until 2 s pass quietly). */
  static <V> List<ConsumerRecord<String, V>> readAll(String bootstrap, Topic<String, V> topic) {
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

  static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "reliability-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
