package prefloop.generator.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.generator.KafkaSettings;
import prefloop.generator.publish.DeadLetterSink;
import prefloop.schemas.Topic;
import prefloop.schemas.avro.ModelUpdate;
import prefloop.schemas.codec.RecordDecoder;
import prefloop.schemas.codec.UndecodableRecordException;
import prefloop.schemas.kafka.ConsumerThread;

/**
 * Follows the compacted model-updates topic from its beginning, without a consumer group (every
 * generator must see every update; the compacted log replays the latest of each role after a
 * restart), and hands each update to a listener on its own thread. Undecodable records go to the
 * dead-letter topic.
 */
public final class ModelUpdateConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelUpdateConsumer.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Topic<String, ModelUpdate> topic;
  private final RecordDecoder<String, ModelUpdate> decoder;
  private final Consumer<ModelUpdate> listener;
  private final DeadLetterSink deadLetters;
  private final ConsumerThread thread;
  private boolean assigned;

  public ModelUpdateConsumer(
      String bootstrap,
      Topic<String, ModelUpdate> topic,
      Consumer<ModelUpdate> listener,
      DeadLetterSink deadLetters) {
    this.topic = topic;
    this.decoder = topic.decoder();
    this.listener = listener;
    this.deadLetters = deadLetters;
    this.thread =
        new ConsumerThread(
            "generator-updates",
            new KafkaConsumer<>(KafkaSettings.consumer(bootstrap, null, "generator-updates")),
            this::pass);
  }

  public void start() {
    thread.start();
  }

  private void pass(KafkaConsumer<byte[], byte[]> consumer) {
    if (!assigned) {
      assigned = assignFromBeginning(consumer);
      return;
    }
    for (ConsumerRecord<byte[], byte[]> raw : consumer.poll(POLL)) {
      handle(raw);
    }
  }

  /**
   * Assigns every partition; false while Kafka does not answer or the topic has none yet (the
   * broker may start later, so the loop asks again).
   */
  private boolean assignFromBeginning(KafkaConsumer<byte[], byte[]> consumer) {
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      if (!partitions.isEmpty()) {
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return true;
      }
      LOG.warn("topic {} has no partitions yet; retrying", topic.name());
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      LOG.warn("cannot reach Kafka for {} ({}); retrying", topic.name(), e.getMessage());
    }
    return false;
  }

  private void handle(ConsumerRecord<byte[], byte[]> raw) {
    if (raw.value() == null) {
      return; // a compaction tombstone: nothing to load
    }
    try {
      listener.accept(decoder.value(raw));
    } catch (UndecodableRecordException e) {
      LOG.warn("dead-lettering {}", e.getMessage());
      deadLetters.send(e.toDeadLetter("generator", Instant.now()));
    } catch (RuntimeException e) {
      LOG.error("model update at offset {} could not be handled: {}", raw.offset(), e, e);
    }
  }

  @Override
  public void close() {
    thread.close();
  }
}
