package prefloop.generator;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import prefloop.schemas.KafkaSecurity;

/** Client settings shared by the generator's Kafka clients (raw bytes; we decode ourselves). */
public final class KafkaSettings {
  private KafkaSettings() {}

  /** An idempotent producer of raw bytes: acks=all, retries bounded by the delivery timeout. */
  public static Map<String, Object> producer(String bootstrap, String clientId) {
    Map<String, Object> conf = new HashMap<>();
    conf.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    conf.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    conf.put(ProducerConfig.ACKS_CONFIG, "all");
    conf.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    conf.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    conf.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
    conf.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    conf.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return KafkaSecurity.with(conf);
  }

  /** A consumer of raw bytes; {@code group} null for a group-less (assign-only) consumer. */
  public static Map<String, Object> consumer(String bootstrap, String group, String clientId) {
    Map<String, Object> conf = new HashMap<>();
    conf.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    conf.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    if (group != null) {
      conf.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    conf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    conf.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    conf.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    conf.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    return KafkaSecurity.with(conf);
  }
}
