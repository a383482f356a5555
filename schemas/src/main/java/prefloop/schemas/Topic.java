package prefloop.schemas;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import prefloop.schemas.codec.RecordDecoder;

/**
 * One topic of the system, typed: its full name, how keys and values are (de)serialised, its
 * partition count and cleanup policy. Instances come from {@link Topics}.
 *
 * @param name full topic name, prefix included
 * @param keySerde serde of keys
 * @param valueSerde serde of values
 * @param valueSchema Avro schema of the values, or null for a non-Avro topic (JSON ingress)
 * @param partitions partition count when the topic is created
 * @param cleanupPolicy Kafka cleanup policy
 * @param keyDoc what the key is, for people
 * @param doc what the topic carries, for people
 */
public record Topic<K, V>(
    String name,
    Serde<K> keySerde,
    Serde<V> valueSerde,
    Schema valueSchema,
    int partitions,
    CleanupPolicy cleanupPolicy,
    String keyDoc,
    String doc) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
    if (partitions < 1 || partitions > 1000) {
      throw new IllegalArgumentException(
          "partitions of topic " + name + " must be in [1, 1000], was " + partitions);
    }
  }

  /** The Avro schema of the values, when the topic carries Avro. */
  public Optional<Schema> avroSchema() {
    return Optional.ofNullable(valueSchema);
  }

  /** How long an event log keeps a record: long enough for any restart, short of a full disk. */
  public static final long RETENTION_MS = 24L * 3600 * 1000;

  /** At most this much per partition of an event log, plus one segment being written. */
  public static final long RETENTION_BYTES = 128L << 20;

  /** Segment size of an event log; retention deletes whole segments, so keep it small. */
  public static final int SEGMENT_BYTES = 32 << 20;

  /**
   * Topic-level configs to create the topic with. Event logs (DELETE) are bounded by time and by
   * size, so a run of days cannot fill the disk: per partition at most {@link #RETENTION_BYTES} +
   * {@link #SEGMENT_BYTES}. Compacted topics keep the latest record per key.
   */
  public Map<String, String> configs() {
    return switch (cleanupPolicy) {
      case DELETE ->
          Map.of(
              "cleanup.policy", cleanupPolicy.configValue(),
              "retention.ms", Long.toString(RETENTION_MS),
              "retention.bytes", Long.toString(RETENTION_BYTES),
              "segment.bytes", Integer.toString(SEGMENT_BYTES));
      case COMPACT -> Map.of("cleanup.policy", cleanupPolicy.configValue());
    };
  }

  /** The most bytes this topic keeps on one broker (replicas aside); -1 when unbounded. */
  public long maxBytes() {
    return cleanupPolicy == CleanupPolicy.DELETE
        ? (long) partitions * (RETENTION_BYTES + SEGMENT_BYTES)
        : -1;
  }

  /** An admin request that creates this topic. */
  public NewTopic newTopic(short replicationFactor) {
    return new NewTopic(name, partitions, replicationFactor).configs(configs());
  }

  /** A decoder of raw records read from this topic. */
  public RecordDecoder<K, V> decoder() {
    return new RecordDecoder<>(this);
  }

  /** Serialised key bytes. */
  public byte[] keyBytes(K key) {
    return keySerde.serializer().serialize(name, key);
  }

  /** Serialised value bytes. */
  public byte[] valueBytes(V value) {
    return valueSerde.serializer().serialize(name, value);
  }

  /** A producer record of raw bytes, for producers of {@code byte[]} keys and values. */
  public ProducerRecord<byte[], byte[]> rawRecord(K key, V value) {
    return new ProducerRecord<>(name, keyBytes(key), valueBytes(value));
  }

  /** A typed producer record, for producers configured with this topic's serdes. */
  public ProducerRecord<K, V> record(K key, V value) {
    return new ProducerRecord<>(name, key, value);
  }
}
