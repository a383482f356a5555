package prefloop.schemas.codec;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import prefloop.schemas.Topic;

/**
 * Turns a raw {@code ConsumerRecord<byte[], byte[]>} of a topic into a typed one, or throws {@link
 * UndecodableRecordException} naming topic/partition/offset and the {@link DecodeFailure}. Consume
 * values as bytes and decode here, so a poison pill is an ordinary error and never a stuck
 * consumer.
 */
public final class RecordDecoder<K, V> {
  private final Topic<K, V> topic;
  private final Deserializer<K> keys;
  private final Deserializer<V> values;

  public RecordDecoder(Topic<K, V> topic) {
    this.topic = topic;
    this.keys = topic.keySerde().deserializer();
    this.values = topic.valueSerde().deserializer();
  }

  /** The typed record, same coordinates, timestamp and headers. */
  public ConsumerRecord<K, V> decode(ConsumerRecord<byte[], byte[]> raw) {
    if (raw.value() == null) {
      throw new UndecodableRecordException(
          raw, new MessageDecodeException(DecodeFailure.EMPTY, "null value (tombstone)"));
    }
    K key;
    V value;
    try {
      key = raw.key() == null ? null : keys.deserialize(raw.topic(), raw.headers(), raw.key());
      value = values.deserialize(raw.topic(), raw.headers(), raw.value());
    } catch (RuntimeException e) {
      throw new UndecodableRecordException(raw, e);
    }
    return new ConsumerRecord<>(
        raw.topic(),
        raw.partition(),
        raw.offset(),
        raw.timestamp(),
        raw.timestampType(),
        raw.serializedKeySize(),
        raw.serializedValueSize(),
        key,
        value,
        raw.headers(),
        raw.leaderEpoch());
  }

  /** Only the value; throws like {@link #decode}. */
  public V value(ConsumerRecord<byte[], byte[]> raw) {
    return decode(raw).value();
  }

  public Topic<K, V> topic() {
    return topic;
  }
}
