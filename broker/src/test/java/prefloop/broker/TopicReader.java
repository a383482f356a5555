package prefloop.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import prefloop.schemas.Topic;

/**
 * Reads one topic from the beginning, decoding values with the topic's own decoder, for assertions.
 * Shared with the other modules through the broker's test-jar.
 */
public final class TopicReader<V> implements AutoCloseable {
  private final Topic<String, V> topic;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private long seen;

  public TopicReader(String bootstrap, Topic<String, V> topic) {
    this.topic = topic;
    this.consumer = KafkaClients.consumer(bootstrap);
    consumer.subscribe(List.of(topic.name()));
  }

  /** Values of {@code topic} until {@code done} accepts them all, or the timeout passes. */
  public static <V> List<V> readUntil(
      String bootstrap, Topic<String, V> topic, Predicate<List<V>> done, Duration timeout) {
    List<V> values = new ArrayList<>();
    try (TopicReader<V> reader = new TopicReader<>(bootstrap, topic)) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(values) && System.nanoTime() < deadline) {
        values.addAll(reader.poll());
      }
    }
    return values;
  }

  /** The values that arrived since the last call (waits up to half a second). */
  public List<V> poll() {
    List<V> values = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> raw : consumer.poll(Duration.ofMillis(500))) {
      values.add(topic.decoder().decode(raw).value());
      seen++;
    }
    return values;
  }

  /** How many values {@link #poll()} has returned in all. */
  public long seen() {
    return seen;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
