package prefloop.generator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import prefloop.schemas.Topic;
import prefloop.schemas.avro.GeneratedPair;

/** Small Kafka helpers for the ITs. */
final class KafkaTestClients {
  private KafkaTestClients() {}

  /** A reader of every partition of {@code topic} from the beginning, outside any group. */
  static KafkaConsumer<byte[], byte[]> reader(String bootstrap, Topic<?, ?> topic) {
    KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, null);
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic.name()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }

  static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String group) {
    Properties props = new Properties();
    props.putAll(
        KafkaSettings.consumer(bootstrap, group, "it-" + (group == null ? "reader" : group)));
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return new KafkaConsumer<>(props);
  }

  static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(KafkaSettings.producer(bootstrap, "it-producer"));
  }

  /** Pairs read within {@code wait}. */
  static List<GeneratedPair> poll(
      KafkaConsumer<byte[], byte[]> consumer, Topic<String, GeneratedPair> topic, Duration wait) {
    List<GeneratedPair> pairs = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> raw : consumer.poll(wait)) {
      pairs.add(topic.decoder().value(raw));
    }
    return pairs;
  }

  /** Sum of end offsets of {@code topic}: how many records it ever held. */
  static long endOffsets(KafkaConsumer<byte[], byte[]> consumer, Topic<?, ?> topic) {
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic.name()).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    return ends.values().stream().mapToLong(Long::longValue).sum();
  }
}
