package prefloop.learner.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.schemas.KafkaSecurity;

/**
 * The preferences topic through a manually assigned consumer: every partition is assigned and
 * sought to the checkpoint's offsets (the group is used only to show committed offsets; there is no
 * auto-commit and no rebalancing). With {@code stopAtEnd} it replays up to the end offsets seen at
 * {@link #seek}, then reports {@link #exhausted()}.
 */
public final class KafkaPreferenceSource implements PreferenceSource {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaPreferenceSource.class);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final boolean stopAtEnd;
  private List<TopicPartition> partitions = List.of();
  private Map<TopicPartition, Long> endOffsets = Map.of();

  public KafkaPreferenceSource(
      String bootstrapServers,
      String groupId,
      String topic,
      int maxPollRecords,
      boolean stopAtEnd) {
    this.topic = topic;
    this.stopAtEnd = stopAtEnd;
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer =
        new KafkaConsumer<>(
            KafkaSecurity.with(props), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  @Override
  public void seek(Map<String, Long> offsets) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException(
          "topic " + topic + " does not exist: start the broker with our topics (prefloop broker)");
    }
    partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    consumer.assign(partitions);
    List<TopicPartition> fromStart = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      Long next = offsets.get(RawRecord.partitionKey(tp.topic(), tp.partition()));
      if (next == null) {
        fromStart.add(tp);
      } else {
        consumer.seek(tp, next);
      }
    }
    // Guarded: seekToBeginning of an EMPTY collection means "every assigned partition" in Kafka's
    // consumer, which would silently undo the seeks above as soon as the checkpoint knows every
    // partition, and the restarted lineage would train everything again from offset 0.
    if (!fromStart.isEmpty()) {
      consumer.seekToBeginning(fromStart);
    }
    if (stopAtEnd) {
      endOffsets = consumer.endOffsets(partitions, METADATA_TIMEOUT);
    }
    LOG.info("reading {} from {} (start of partitions {})", topic, offsets, fromStart);
  }

  @Override
  public List<RawRecord> poll(Duration timeout) {
    List<RawRecord> result = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(timeout)) {
      if (stopAtEnd && r.offset() >= endOffsets.getOrDefault(tpOf(r), Long.MAX_VALUE)) {
        continue;
      }
      result.add(new RawRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value()));
    }
    return result;
  }

  private static TopicPartition tpOf(ConsumerRecord<?, ?> r) {
    return new TopicPartition(r.topic(), r.partition());
  }

  @Override
  public boolean exhausted() {
    if (!stopAtEnd) {
      return false;
    }
    for (TopicPartition tp : partitions) {
      if (consumer.position(tp) < endOffsets.getOrDefault(tp, 0L)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public long lag() {
    long total = 0;
    for (TopicPartition tp : partitions) {
      OptionalLong lag = consumer.currentLag(tp);
      if (lag.isEmpty()) {
        return -1;
      }
      total += lag.getAsLong();
    }
    return total;
  }

  @Override
  public void commit(Map<String, Long> offsets) {
    Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
    for (TopicPartition tp : partitions) {
      Long next = offsets.get(RawRecord.partitionKey(tp.topic(), tp.partition()));
      if (next != null) {
        commits.put(
            tp,
            new OffsetAndMetadata(next, "consumed through; restarts resume from the checkpoint"));
      }
    }
    try {
      consumer.commitSync(commits, METADATA_TIMEOUT);
    } catch (KafkaException e) {
      // Offsets in Kafka are only for people and tools; the checkpoint's offsets are the truth.
      LOG.warn("could not commit offsets {} for visibility: {}", commits, e.toString());
    }
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
