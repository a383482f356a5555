package prefloop.schemas.codec;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde over a {@link MessageCodec}. Its deserializer throws {@link MessageDecodeException};
 * consumers that must survive poison pills read {@code byte[]} and use {@link RecordDecoder}.
 */
public final class AvroSerde<T> implements Serde<T> {
  private final MessageCodec<T> codec;

  public AvroSerde(MessageCodec<T> codec) {
    this.codec = codec;
  }

  public MessageCodec<T> codec() {
    return codec;
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> value == null ? null : codec.encode(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> bytes == null ? null : codec.decode(bytes);
  }

  @Override
  public String toString() {
    return "AvroSerde[" + codec.schema().getFullName() + "]";
  }
}
