package prefloop.generator.prompt;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.generator.KafkaSettings;
import prefloop.generator.publish.DeadLetterSink;
import prefloop.schemas.Topic;
import prefloop.schemas.avro.DeadLetter;
import prefloop.schemas.avro.PromptRequest;
import prefloop.schemas.codec.RecordDecoder;
import prefloop.schemas.codec.UndecodableRecordException;
import prefloop.schemas.kafka.ConsumerThread;

/**
 * Reads PromptRequests from the prompts topic (in the generators' consumer group, so instances
 * share the work) into a {@link PromptQueue}, on its own thread. Undecodable records and invalid
 * prompts go to the dead-letter topic. While the queue is full the partitions are paused and a
 * record that finds it full is read again later, so requests wait in Kafka rather than in memory.
 *
 * <p>At-least-once: a record's offset is committed only once the pair sampled for its prompt is
 * acknowledged by Kafka ({@link PromptOffsets}), so prompts queued but not yet published when the
 * process dies are delivered again. A prompt whose pair fails is queued again, up to {@value
 * #MAX_ATTEMPTS} attempts, then dead-lettered. A request may thus be sampled twice after a crash; a
 * rebalance hands prompts over without that when they share a priority (see {@link Rebalance}).
 * Consumers of pairs are idempotent by pair id, not by prompt.
 */
public final class PromptTopicConsumer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PromptTopicConsumer.class);
  private static final Duration POLL = Duration.ofMillis(200);
  static final int MAX_ATTEMPTS = 3;
  private static final long HANDOVER_MILLIS = 10_000;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Topic<String, PromptRequest> topic;
  private final RecordDecoder<String, PromptRequest> decoder;
  private final PromptValidator validator;
  private final PromptQueue queue;
  private final DeadLetterSink deadLetters;
  private final PromptOffsets offsets = new PromptOffsets();
  private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
  private final ConsumerThread thread;
  private boolean subscribed;

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
    // no wakeup on close: it could interrupt the last commit; the loop stops within one poll
    this.thread =
        new ConsumerThread(
            "generator-prompts",
            consumer,
            ConsumerThread.Stop.FINISH_PASS,
            this::pass,
            failure -> commit(offsets.committable()));
  }

  public void start() {
    thread.start();
  }

  /** Prompts read from the topic whose pair is not acknowledged yet. */
  public int unacknowledged() {
    return offsets.openCount();
  }

  /** A queued record of the topic: where it came from and how often its pair failed. */
  private final class Receipt implements PromptReceipt {
    private final ConsumerRecord<byte[], byte[]> raw;
    private final PromptOffsets.Partition partition;
    private int attempts;

    Receipt(ConsumerRecord<byte[], byte[]> raw, PromptOffsets.Partition partition) {
      this.raw = raw;
      this.partition = partition;
    }

    @Override
    public void published(PromptCandidate prompt) {
      offsets.close(partition, raw.offset());
    }

    TopicPartition topicPartition() {
      return new TopicPartition(raw.topic(), raw.partition());
    }

    @Override
    public void failed(PromptCandidate prompt, Throwable error) {
      failures.add(new Failure(this, prompt, error));
    }
  }

  private record Failure(Receipt receipt, PromptCandidate prompt, Throwable error) {}

  private void pass(KafkaConsumer<byte[], byte[]> consumer) {
    if (!subscribed) {
      consumer.subscribe(List.of(topic.name()), new Rebalance());
      subscribed = true;
    }
    if (queue.remaining() <= 0) {
      consumer.pause(consumer.assignment());
    } else {
      consumer.resume(consumer.paused());
    }
    accept(consumer.poll(POLL));
    retryFailures();
    commit(offsets.committable());
  }

  private void accept(ConsumerRecords<byte[], byte[]> records) {
    Set<TopicPartition> full = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> raw : records) {
      TopicPartition partition = new TopicPartition(raw.topic(), raw.partition());
      if (!full.contains(partition) && !accept(partition, raw)) {
        // Read this record again once the queue has room (the loop pauses until then).
        consumer.seek(partition, raw.offset());
        full.add(partition);
      }
    }
  }

  /** Queues or dead-letters one record; false when the queue is full. */
  private boolean accept(TopicPartition partition, ConsumerRecord<byte[], byte[]> raw) {
    PromptRequest request;
    try {
      request = decoder.value(raw);
    } catch (UndecodableRecordException e) {
      LOG.warn("dead-lettering {}", e.getMessage());
      deadLetters.send(e.toDeadLetter("generator", Instant.now()));
      offsets.done(partition, raw.offset());
      return true;
    }
    String text;
    try {
      text = validator.canonical(request.getText());
    } catch (IllegalArgumentException e) {
      LOG.warn("rejecting prompt request {}: {}", request.getId(), e.getMessage());
      deadLetters.send(deadLetter(raw, "invalid prompt: " + e.getMessage(), e));
      offsets.done(partition, raw.offset());
      return true;
    }
    // Only this thread adds to the queue, so the room seen here is still there at the offer.
    if (queue.remaining() <= 0) {
      return false;
    }
    Receipt receipt = new Receipt(raw, offsets.open(partition, raw.offset()));
    PromptCandidate prompt =
        new PromptCandidate(
            request.getId(), text, PromptOrigin.TOPIC, request.getPriority(), receipt);
    if (queue.offer(prompt) == PromptQueue.Outcome.DUPLICATE) {
      LOG.debug("request {} is already queued or sampled; not queued again", request.getId());
      offsets.close(receipt.partition, raw.offset());
    }
    return true;
  }

  /** Queues failed prompts again, or dead-letters them after {@value #MAX_ATTEMPTS} attempts. */
  private void retryFailures() {
    for (Failure failure = failures.poll(); failure != null; failure = failures.poll()) {
      Receipt receipt = failure.receipt();
      receipt.attempts++;
      if (receipt.attempts < MAX_ATTEMPTS) {
        LOG.warn(
            "pair of prompt request {} failed ({}); queued again (attempt {} of {})",
            failure.prompt().id(),
            failure.error().toString(),
            receipt.attempts + 1,
            MAX_ATTEMPTS);
        queue.retry(failure.prompt());
      } else {
        LOG.error(
            "pair of prompt request {} failed {} times, dead-lettering it: {}",
            failure.prompt().id(),
            MAX_ATTEMPTS,
            failure.error().toString());
        deadLetters.send(
            deadLetter(
                receipt.raw,
                "no pair could be published after "
                    + MAX_ATTEMPTS
                    + " attempts: "
                    + failure.error(),
                failure.error()));
        offsets.close(receipt.partition, receipt.raw.offset());
      }
    }
  }

  private void commit(Map<TopicPartition, OffsetAndMetadata> positions) {
    if (positions.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(positions);
      offsets.committed(positions);
    } catch (KafkaException e) {
      // Not marked committed: the next round tries again.
      LOG.warn("committing prompt offsets {} failed: {}", positions, e.toString());
    }
  }

  /**
   * Hands partitions over cleanly: their prompts still waiting here are dropped (the new owner
   * reads them again from the uncommitted offsets), those being sampled get up to {@value
   * #HANDOVER_MILLIS} ms to be published, and then what is done is committed. Without this, a
   * prompt queued here when its partition moved was sampled by both generators. Prompts of one
   * priority are sampled in offset order, so the dropped ones are the partition's last: the
   * committed position lands on the first of them and nothing published is read again. Mixed
   * priorities can still leave a published prompt behind that position (sampled twice).
   */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      List<PromptCandidate> dropped =
          queue.removeIf(
              p -> p.receipt() instanceof Receipt r && partitions.contains(r.topicPartition()));
      if (!dropped.isEmpty()) {
        LOG.info("{} queued prompts left to the partitions' new owner", dropped.size());
      }
      long deadline = System.nanoTime() + HANDOVER_MILLIS * 1_000_000;
      while (offsets.openCount(partitions) > dropped.size() && System.nanoTime() < deadline) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      commit(offsets.forget(partitions));
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      offsets.forget(partitions);
    }
  }

  private static DeadLetter deadLetter(
      ConsumerRecord<byte[], byte[]> raw, String reason, Throwable e) {
    return DeadLetter.newBuilder()
        .setSourceTopic(raw.topic())
        .setPartition(raw.partition())
        .setOffset(raw.offset())
        .setKey(raw.key() == null ? null : ByteBuffer.wrap(raw.key()))
        .setValue(ByteBuffer.wrap(raw.value()))
        .setReason(reason)
        .setErrorClass(e.getClass().getSimpleName())
        .setService("generator")
        .setAt(Instant.now())
        .build();
  }

  @Override
  public void close() {
    thread.close();
  }
}
