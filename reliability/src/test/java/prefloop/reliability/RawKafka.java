package prefloop.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import prefloop.broker.KafkaClients;
import prefloop.broker.TestMessages;
import prefloop.schemas.Topic;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.PreferenceLabel;

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

  /**
   * Sends {@code count} preferences with pair ids {@code prefix}00, {@code prefix}01, ..., labels
   * alternating A and B, all of policy v0; returns the ids in order.
   */
  static List<String> sendPreferences(
      KafkaProducer<byte[], byte[]> producer,
      Topic<String, Preference> topic,
      String prefix,
      int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("%s%02d", prefix, i);
      PreferenceLabel label = i % 2 == 0 ? PreferenceLabel.A : PreferenceLabel.B;
      send(producer, topic, id, TestMessages.preference(id, label, 0, 8));
      ids.add(id);
    }
    return ids;
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
