package prefloop.rater.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Handler handler;
  private final Thread thread;
  private final CountDownLatch assigned = new CountDownLatch(1);
  private volatile boolean running = true;

  public RecordLoop(String name, Properties consumerProps, String topic, Handler handler) {
    this.name = name;
    this.consumer = new KafkaConsumer<>(consumerProps);
    this.handler = handler;
    consumer.subscribe(
        List.of(topic),
        new org.apache.kafka.clients.consumer.ConsumerRebalanceListener() {
          @Override
          public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {}

          @Override
          public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
            assigned.countDown();
          }
        });
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  public RecordLoop start() {
    thread.start();
    return this;
  }

  /** Waits until the group assigned this consumer its partitions (first poll done). */
  public boolean awaitAssignment(Duration timeout) throws InterruptedException {
    return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        if (records.isEmpty()) {
          continue;
        }
        List<ConsumerRecord<byte[], byte[]>> batch = new java.util.ArrayList<>(records.count());
        records.forEach(batch::add);
        try {
          handler.handle(batch);
          consumer.commitSync();
        } catch (Exception e) {
          LOG.error(
              "{}: batch of {} failed, will retry from its first offsets: {}",
              name,
              batch.size(),
              e.toString(),
              e);
          rewind(batch);
          Thread.sleep(RETRY_BACKOFF_MS);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("{}: unexpected wakeup", name, e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("{}: consumer loop stopped: {}", name, e.toString(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void rewind(List<ConsumerRecord<byte[], byte[]>> batch) {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : batch) {
      first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min);
    }
    first.forEach(consumer::seek);
  }

  public boolean isAlive() {
    return thread.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
