package prefloop.generator.backpressure;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.generator.GeneratorMetrics;
import prefloop.schemas.KafkaSecurity;
import prefloop.schemas.threads.DaemonThreads;

/**
 * Measures the backlog every {@code interval} with the Kafka Admin API and feeds {@link
 * Backpressure}: for each (group, topic), lag = Σ_partitions (end offset − committed offset), where
 * a partition the group never committed counts from its log start. Also tells whether Kafka answers
 * (for /health). Runs on its own thread.
 */
public final class BacklogProbe implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BacklogProbe.class);
  private static final long TIMEOUT_MS = 5_000;

  /** One (consumer group, topic) whose lag counts toward the backlog. */
  public record Lagging(String group, String topic) {}

  private final Admin admin;
  private final List<Lagging> watched;
  private final Backpressure backpressure;
  private final GeneratorMetrics metrics;
  private final Duration interval;
  private final ScheduledExecutorService timer = DaemonThreads.scheduler("generator-backlog");
  private volatile long lastAnswerNanos = Long.MIN_VALUE;
  private volatile boolean warned;

  public BacklogProbe(
      String bootstrap,
      List<Lagging> watched,
      Backpressure backpressure,
      GeneratorMetrics metrics,
      Duration interval) {
    this.admin =
        Admin.create(
            KafkaSecurity.with(
                Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap,
                    AdminClientConfig.CLIENT_ID_CONFIG,
                    "generator-backlog",
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    (int) TIMEOUT_MS,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                    (int) TIMEOUT_MS)));
    this.watched = List.copyOf(watched);
    this.backpressure = backpressure;
    this.metrics = metrics;
    this.interval = interval;
  }

  public void start() {
    timer.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether Kafka answered within the last three intervals. */
  public boolean kafkaReachable() {
    long last = lastAnswerNanos;
    return last != Long.MIN_VALUE && System.nanoTime() - last < 3 * interval.toNanos() + 5e9;
  }

  private void tick() {
    try {
      admin.describeCluster().clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      long total = 0;
      for (Lagging lagging : watched) {
        total += lag(lagging);
      }
      lastAnswerNanos = System.nanoTime();
      warned = false;
      backpressure.backlog(total);
      metrics.backpressure(backpressure.paused(), total);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      if (!warned) {
        LOG.warn("cannot measure the backlog (is Kafka up?): {}", e.toString());
        warned = true;
      }
    }
  }

  /** Lag of one group on one topic. */
  long lag(Lagging lagging) throws InterruptedException, ExecutionException, TimeoutException {
    List<TopicPartition> partitions =
        admin
            .describeTopics(List.of(lagging.topic()))
            .allTopicNames()
            .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
            .get(lagging.topic())
            .partitions()
            .stream()
            .map(p -> new TopicPartition(lagging.topic(), p.partition()))
            .toList();
    Map<TopicPartition, OffsetAndMetadata> committed = committed(lagging.group());
    Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest());
    Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(partitions, OffsetSpec.earliest());
    long lag = 0;
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata done = committed.get(partition);
      long from = done != null ? done.offset() : starts.get(partition).offset();
      lag += Math.max(0, ends.get(partition).offset() - from);
    }
    return lag;
  }

  private Map<TopicPartition, OffsetAndMetadata> committed(String group)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      Map<TopicPartition, OffsetAndMetadata> result = new HashMap<>();
      offsets.forEach(
          (partition, offset) -> {
            if (offset != null) {
              result.put(partition, offset);
            }
          });
      return result;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return Map.of();
      }
      throw e;
    }
  }

  private Map<TopicPartition, ListOffsetsResultInfo> offsets(
      List<TopicPartition> partitions, OffsetSpec spec)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(p -> request.put(p, spec));
    return admin.listOffsets(request).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    DaemonThreads.stopNow(timer, Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
  }
}
