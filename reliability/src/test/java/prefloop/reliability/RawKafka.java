package prefloop.reliability;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import prefloop.broker.KafkaClients;
import prefloop.schemas.Topic;

/**
 * Byte-level Kafka sends for the reliability tests, over the broker's shared {@link KafkaClients}.
 */
final class RawKafka {
  private RawKafka() {}

  static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    return KafkaClients.producer(bootstrap);
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

  static <V> List<ConsumerRecord<String, V>> readAll(String bootstrap, Topic<String, V> topic) {
    return KafkaClients.readAll(bootstrap, topic);
  }

  static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    return KafkaClients.consumer(bootstrap);
  }
}
