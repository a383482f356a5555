package prefloop.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import prefloop.schemas.SampleMessages;
import prefloop.schemas.Topic;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.codec.DecodeFailure;
import prefloop.schemas.codec.MessageCodec;
import prefloop.schemas.codec.RecordDecoder;
import prefloop.schemas.codec.UndecodableRecordException;

class EmbeddedKafkaIT {
  private static EmbeddedKafka kafka;
  private static Topics topics;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start(BrokerConfig.ephemeral().withTopicPrefix("it."));
    topics = kafka.topics();
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void createsEveryTopicWithItsPartitionsCleanupPolicyAndRetention() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      List<String> names = topics.all().stream().map(Topic::name).toList();
      Map<String, TopicDescription> described =
          admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
      List<ConfigResource> resources =
          names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
      Map<ConfigResource, Config> configs =
          admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);

      for (Topic<?, ?> topic : topics.all()) {
        assertThat(described.get(topic.name()).partitions()).hasSize(topic.partitions());
        String policy =
            configs
                .get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                .get("cleanup.policy")
                .value();
        assertThat(policy).as(topic.name()).isEqualTo(topic.cleanupPolicy().configValue());
        Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
        topic
            .configs()
            .forEach(
                (key, value) ->
                    assertThat(config.get(key).value())
                        .as(topic.name() + " " + key)
                        .isEqualTo(value));
      }
      assertThat(topics.modelUpdates().name()).isEqualTo("it.model-updates");
      assertThat(topics.modelUpdates().cleanupPolicy().configValue()).isEqualTo("compact");
    }
  }

  @Test
  void roundTripsEveryMessageTypeThroughKafka() throws Exception {
    List<SpecificRecord> samples = SampleMessages.oneOfEach(7);
    List<Topic<String, ?>> avroTopics =
        List.of(
            topics.prompts(),
            topics.pairs(),
            topics.preferences(),
            topics.modelUpdates(),
            topics.metrics(),
            topics.deadLetter());
    List<RecordMetadata> sent = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(kafka.bootstrapServers())) {
      for (int i = 0; i < samples.size(); i++) {
        sent.add(producer.send(raw(avroTopics.get(i), "key-" + i, samples.get(i))).get());
      }
    }

    for (int i = 0; i < samples.size(); i++) {
      Topic<String, ?> topic = avroTopics.get(i);
      RecordMetadata at = sent.get(i);
      List<ConsumerRecord<byte[], byte[]>> read =
          KafkaClients.read(
              kafka.bootstrapServers(),
              new TopicPartition(at.topic(), at.partition()),
              at.offset(),
              1);
      assertThat(read).as(topic.name()).hasSize(1);
      ConsumerRecord<String, ?> decoded = topic.decoder().decode(read.get(0));
      assertThat(decoded.key()).isEqualTo("key-" + i);
      assertThat(decoded.value()).as(topic.name()).isEqualTo(samples.get(i));
    }
  }

  @Test
  void poisonPillIsATypedErrorNamingItsOffsetAndTheConsumerMovesOn() throws Exception {
    Topic<String, GeneratedPair> pairs = topics.pairs();
    byte[] junk = new byte[64];
    new Random(1).nextBytes(junk);
    RecordMetadata first;
    try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(kafka.bootstrapServers())) {
      first = producer.send(new ProducerRecord<>(pairs.name(), 0, null, junk)).get();
      producer
          .send(
              new ProducerRecord<>(
                  pairs.name(), 0, null, pairs.valueBytes(SampleMessages.generatedPair(1))))
          .get();
    }

    List<ConsumerRecord<byte[], byte[]>> read =
        KafkaClients.read(
            kafka.bootstrapServers(), new TopicPartition(pairs.name(), 0), first.offset(), 2);
    RecordDecoder<String, GeneratedPair> decoder = pairs.decoder();
    List<GeneratedPair> good = new ArrayList<>();
    List<UndecodableRecordException> bad = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : read) {
      try {
        good.add(decoder.value(record));
      } catch (UndecodableRecordException e) {
        bad.add(e);
      }
    }

    assertThat(bad).hasSize(1);
    UndecodableRecordException error = bad.get(0);
    assertThat(error.topic()).isEqualTo("it.pairs");
    assertThat(error.partition()).isZero();
    assertThat(error.offset()).isEqualTo(read.get(0).offset());
    assertThat(error.failure()).isEqualTo(DecodeFailure.BAD_MAGIC);
    assertThat(error.getMessage()).contains("it.pairs-0@" + read.get(0).offset());
    assertThat(error.toDeadLetter("test", java.time.Instant.EPOCH).getSourceTopic())
        .isEqualTo("it.pairs");
    assertThat(good).containsExactly(SampleMessages.generatedPair(1));
  }

  @Test
  void consumerOfThePreviousSchemaVersionReadsTheCurrentOne() throws Exception {
    Topic<String, GeneratedPair> pairs = topics.pairs();
    GeneratedPair current = SampleMessages.generatedPair(42);
    RecordMetadata at;
    try (KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(kafka.bootstrapServers())) {
      at =
          producer
              .send(new ProducerRecord<>(pairs.name(), 1, null, pairs.valueBytes(current)))
              .get();
    }
    MessageCodec<GenericRecord> previous =
        MessageCodec.generic(topics.catalog().previous("GeneratedPair"), topics.catalog());

    GenericRecord read =
        previous.decode(
            KafkaClients.read(
                    kafka.bootstrapServers(), new TopicPartition(pairs.name(), 1), at.offset(), 1)
                .get(0)
                .value());

    assertThat(read.getSchema()).isEqualTo(topics.catalog().previous("GeneratedPair"));
    assertThat(read.get("pair_id").toString()).isEqualTo("pair-42");
    assertThat(read.get("policy_version")).isEqualTo(current.getPolicyVersion());
    assertThat(((List<?>) read.get("images"))).hasSize(2);
  }

  @SuppressWarnings("unchecked")
  private static <V> ProducerRecord<byte[], byte[]> raw(
      Topic<String, V> topic, String key, SpecificRecord value) {
    return topic.rawRecord(key, (V) value);
  }
}
