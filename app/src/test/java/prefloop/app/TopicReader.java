package prefloop.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import prefloop.schemas.Topic;

/** Reads one topic from the beginning, decoding values with the topic's own decoder. */
final class TopicReader<V> implements AutoCloseable {
  private final Topic<String, V> topic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private long seen;

  TopicReader(String bootstrap, Topic<String, V> topic) {
    this.topic = topic;
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic.name()));
  }

  /** The values that arrived since the last call (waits up to half a second). */
  List<V> poll() {
    List<V> values = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> raw : consumer.poll(Duration.ofMillis(500))) {
      values.add(topic.decoder().decode(raw).value());
      seen++;
    }
    return values;
  }

  /** How many values {@link #poll()} has returned in all. */
  long seen() {
    return seen;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
