package prefloop.learner.service;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One consumed record, as bytes, wherever it came from (a topic partition or a recorded log).
 *
 * @param topic source topic (or "file:<name>" for a recorded log)
 * @param partition source partition
 * @param offset offset within the partition
 * @param key key bytes, may be null
 * @param value value bytes, may be null
 */
public record RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {

  /** The key of this record's partition in offset maps: {@code topic-partition}. */
  public String partitionKey() {
    return partitionKey(topic, partition);
  }

  public static String partitionKey(String topic, int partition) {
    return topic + "-" + partition;
  }

  /** As a Kafka consumer record (for the schemas module's decoder). */
  public ConsumerRecord<byte[], byte[]> toConsumerRecord() {
    return new ConsumerRecord<>(topic, partition, offset, key, value);
  }
}
