package prefloop.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import prefloop.schemas.SampleMessages;
import prefloop.schemas.Topic;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.codec.MessageCodec;
import prefloop.schemas.codec.SchemaCatalog;

/**
 * Prints the foundation's figures; asserts nothing about speed. Run alone with {@code mvn -o -pl
 * broker verify -Dit.test=FiguresIT}.
 */
class FiguresIT {
  private static final int MESSAGES = 2_000;

  @Test
  void printFigures() throws Exception {
    MessageCodec<GeneratedPair> codec = MessageCodec.of(GeneratedPair.class, SchemaCatalog.load());
    GeneratedPair pair = SampleMessages.generatedPair(1);
    byte[] bytes = codec.encode(pair);
    print(
        "encoded 32x32 GeneratedPair (2 x %d B PNG payload): %d B",
        SampleMessages.PNG_BYTES, bytes.length);
    serdeThroughput(codec, pair);

    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      print(
          "broker time-to-ready (format + start + create 7 topics): %d ms",
          kafka.startupTime().toMillis());
      kafkaRoundTrip(kafka, pair);
    }
  }

  private static void serdeThroughput(MessageCodec<GeneratedPair> codec, GeneratedPair pair) {
    for (int i = 0; i < 20_000; i++) {
      codec.decode(codec.encode(pair));
    }
    int n = 50_000;
    long start = System.nanoTime();
    byte[] last = null;
    for (int i = 0; i < n; i++) {
      last = codec.encode(pair);
    }
    double encodeSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      codec.decode(last);
    }
    double decodeSeconds = (System.nanoTime() - start) / 1e9;
    print(
        "serde throughput, GeneratedPair: encode %.0f msg/s, decode %.0f msg/s (1 thread)",
        n / encodeSeconds, n / decodeSeconds);
  }

  private static void kafkaRoundTrip(EmbeddedKafka kafka, GeneratedPair pair) throws Exception {
    Topic<String, GeneratedPair> pairs = kafka.topics().pairs();
    long start = System.nanoTime();
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(kafka.bootstrapServers())) {
      for (int i = 0; i < MESSAGES; i++) {
        sent.add(
            producer.send(new ProducerRecord<>(pairs.name(), 0, null, pairs.valueBytes(pair))));
      }
      producer.flush();
    }
    long first = sent.get(0).get().offset();
    double produceSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    List<ConsumerRecord<byte[], byte[]>> read =
        KafkaClients.read(
            kafka.bootstrapServers(), new TopicPartition(pairs.name(), 0), first, MESSAGES);
    read.forEach(r -> pairs.decoder().value(r));
    double consumeSeconds = (System.nanoTime() - start) / 1e9;
    print(
        "through Kafka (acks=all, 1 partition): produce %.0f pairs/s, consume+decode %.0f pairs/s (%d pairs)",
        MESSAGES / produceSeconds, read.size() / consumeSeconds, read.size());
  }

  private static void print(String format, Object... args) {
    System.out.printf("FIGURE " + format + "%n", args);
  }
}
