package prefloop.schemas.codec;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import prefloop.schemas.avro.DeadLetter;

/**
 * A consumed record whose key or value could not be decoded. Names where it is (topic, partition,
 * offset) and why, so the consumer can dead-letter it and move on to the next offset.
 */
public class UndecodableRecordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String topic;
  private final int partition;
  private final long offset;
  private final DecodeFailure failure;
  private final transient byte[] key;
  private final transient byte[] value;

  public UndecodableRecordException(ConsumerRecord<byte[], byte[]> record, Throwable cause) {
    super(
        "undecodable record at "
            + record.topic()
            + "-"
            + record.partition()
            + "@"
            + record.offset()
            + ": "
            + cause.getMessage(),
        cause);
    this.topic = record.topic();
    this.partition = record.partition();
    this.offset = record.offset();
    this.failure =
        cause instanceof MessageDecodeException m ? m.failure() : DecodeFailure.MALFORMED_BODY;
    this.key = record.key();
    this.value = record.value();
  }

  public String topic() {
    return topic;
  }

  public int partition() {
    return partition;
  }

  public long offset() {
    return offset;
  }

  public DecodeFailure failure() {
    return failure;
  }

  /** The record, as a message for the dead-letter topic. */
  public DeadLetter toDeadLetter(String service, Instant at) {
    return DeadLetter.newBuilder()
        .setSourceTopic(topic)
        .setPartition(partition)
        .setOffset(offset)
        .setKey(key == null ? null : ByteBuffer.wrap(key))
        .setValue(value == null ? null : ByteBuffer.wrap(value))
        .setReason(getMessage())
        .setErrorClass(failure.name())
        .setService(service)
        .setAt(at)
        .build();
  }
}
