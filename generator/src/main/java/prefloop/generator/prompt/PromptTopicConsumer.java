package prefloop.generator.prompt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.generator.KafkaSettings;
import prefloop.generator.publish.DeadLetterSink;
import prefloop.schemas.Topic;
import prefloop.schemas.avro.DeadLetter;
import prefloop.schemas.avro.PromptRequest;
import prefloop.schemas.codec.RecordDecoder;
import prefloop.schemas.codec.UndecodableRecordException;

/**
 * Reads PromptRequests from the prompts topic (in the generators' consumer group, so instances
 * share the work) into a {@link PromptQueue}, on its own thread. Undecodable records and invalid
 * prompts go to the dead-letter topic. While the queue is full the partitions are paused, so
 * requests wait in Kafka rather than in memory. Offsets are committed once a prompt is queued:
 * prompts queued but not yet sampled when the process dies are lost (at-most-once per request).
 */
public final class PromptTopicConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PromptTopicConsumer.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Topic<String, PromptRequest> topic;
  private final RecordDecoder<String, PromptRequest> decoder;
  private final PromptValidator validator;
  private final PromptQueue queue;
  private final DeadLetterSink deadLetters;
  private final Thread thread;
  private volatile boolean running = true;
  private boolean started;

  public PromptTopicConsumer(
      String bootstrap,
      String group,
      Topic<String, PromptRequest> topic,
      PromptValidator validator,
      PromptQueue queue,
      DeadLetterSink deadLetters) {
    this.consumer =
        new KafkaConsumer<>(KafkaSettings.consumer(bootstrap, group, "generator-prompts"));
    this.topic = topic;
    this.decoder = topic.decoder();
    this.validator = validator;
    this.queue = queue;
    this.deadLetters = deadLetters;
    this.thread = new Thread(this::run, "generator-prompts");
    thread.setDaemon(true);
  }

  public synchronized void start() {
    started = true;
    thread.start();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic.name()));
      while (running) {
        if (queue.remaining() == 0) {
          consumer.pause(consumer.assignment());
        } else {
          consumer.resume(consumer.paused());
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        for (ConsumerRecord<byte[], byte[]> raw : records) {
          accept(raw);
        }
        if (!records.isEmpty()) {
          consumer.commitAsync();
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("prompts consumer woken up unexpectedly", e);
      }
    } catch (RuntimeException e) {
      LOG.error("prompts consumer stopped: {}", e.toString(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void accept(ConsumerRecord<byte[], byte[]> raw) {
    PromptRequest request;
    try {
      request = decoder.value(raw);
    } catch (UndecodableRecordException e) {
      LOG.warn("dead-lettering {}", e.getMessage());
      deadLetters.send(e.toDeadLetter("generator", Instant.now()));
      return;
    }
    try {
      String text = validator.canonical(request.getText());
      PromptCandidate prompt =
          new PromptCandidate(request.getId(), text, PromptOrigin.TOPIC, request.getPriority());
      if (queue.offer(prompt) == PromptQueue.Outcome.FULL) {
        LOG.warn(
            "prompt queue full, dropping request {} (raise prompts.queueCapacity)", prompt.id());
      }
    } catch (IllegalArgumentException e) {
      LOG.warn("rejecting prompt request {}: {}", request.getId(), e.getMessage());
      deadLetters.send(invalid(raw, e));
    }
  }

  private static DeadLetter invalid(ConsumerRecord<byte[], byte[]> raw, Exception e) {
    return DeadLetter.newBuilder()
        .setSourceTopic(raw.topic())
        .setPartition(raw.partition())
        .setOffset(raw.offset())
        .setKey(raw.key() == null ? null : java.nio.ByteBuffer.wrap(raw.key()))
        .setValue(java.nio.ByteBuffer.wrap(raw.value()))
        .setReason("invalid prompt: " + e.getMessage())
        .setErrorClass(e.getClass().getSimpleName())
        .setService("generator")
        .setAt(Instant.now())
        .build();
  }

  @Override
  public synchronized void close() {
    running = false;
    if (!started) {
      consumer.close(Duration.ZERO);
      return;
    }
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
