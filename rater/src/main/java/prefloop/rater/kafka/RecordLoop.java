package prefloop.rater.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.schemas.kafka.ConsumerThread;

/**
 * A consumer on its own thread: poll, hand the batch to the handler (which returns once every
 * effect is durable), then commit synchronously. When the handler throws (e.g. a produce failed),
 * the batch's partitions are rewound to its first offsets and retried after a backoff, so nothing
 * is lost (at-least-once; handlers are idempotent by record id).
 */
public final class RecordLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RecordLoop.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final long RETRY_BACKOFF_MS = 1000;

  /** Processes a batch; returns once its effects are acknowledged. */
  public interface Handler {
    void handle(List<ConsumerRecord<byte[], byte[]>> batch) throws Exception;
  }

  private final String name;
  private final Handler handler;
  private final ConsumerThread thread;
  private final CountDownLatch assigned = new CountDownLatch(1);

  public RecordLoop(String name, Properties consumerProps, String topic, Handler handler) {
    this.name = name;
    this.handler = handler;
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps);
    consumer.subscribe(
        List.of(topic),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assigned.countDown();
          }
        });
    this.thread = new ConsumerThread(name, consumer, this::pass);
  }

  public RecordLoop start() {
    thread.start();
    return this;
  }

  /** Waits until the group assigned this consumer its partitions (first poll done). */
  public boolean awaitAssignment(Duration timeout) throws InterruptedException {
    return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void pass(KafkaConsumer<byte[], byte[]> consumer) throws InterruptedException {
    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
    if (records.isEmpty()) {
      return;
    }
    List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(records.count());
    records.forEach(batch::add);
    try {
      handler.handle(batch);
      consumer.commitSync();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      LOG.error(
          "{}: batch of {} failed, will retry from its first offsets: {}",
          name,
          batch.size(),
          e.toString(),
          e);
      rewind(consumer, batch);
      Thread.sleep(RETRY_BACKOFF_MS);
    }
  }

  private static void rewind(
      KafkaConsumer<byte[], byte[]> consumer, List<ConsumerRecord<byte[], byte[]>> batch) {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : batch) {
      first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
    }
    first.forEach(consumer::seek);
  }

  public boolean isAlive() {
    return thread.isRunning();
  }

  @Override
  public void close() {
    thread.close();
  }
}
