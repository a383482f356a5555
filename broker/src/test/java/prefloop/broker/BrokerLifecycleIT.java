package prefloop.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.schemas.SampleMessages;
import prefloop.schemas.Topic;
import prefloop.schemas.avro.ModelUpdate;

class BrokerLifecycleIT {

  @Test
  void aPersistentBrokerKeepsItsDataAcrossRestartsAndLeavesNoThreads(@TempDir Path dir)
      throws Exception {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    BrokerConfig config = BrokerConfig.ephemeral().withDataDir(dir.resolve("kafka"));
    ModelUpdate update = SampleMessages.modelUpdate(5);
    RecordMetadata written;
    try (EmbeddedKafka kafka = EmbeddedKafka.start(config)) {
      Topic<String, ModelUpdate> updates = kafka.topics().modelUpdates();
      try (KafkaProducer<byte[], byte[]> producer =
          KafkaClients.producer(kafka.bootstrapServers())) {
        written = producer.send(updates.rawRecord("REFERENCE", update)).get();
      }
    }

    try (EmbeddedKafka again = EmbeddedKafka.start(config)) {
      Topic<String, ModelUpdate> updates = again.topics().modelUpdates();
      var read =
          KafkaClients.read(
              again.bootstrapServers(),
              new TopicPartition(updates.name(), written.partition()),
              written.offset(),
              1);
      assertThat(read).hasSize(1);
      assertThat(updates.decoder().value(read.get(0))).isEqualTo(update);
    }

    assertThat(Files.exists(dir.resolve("kafka/logs/meta.properties"))).isTrue();
    assertThat(leftoverThreads(before)).isEmpty();
  }

  @Test
  void aTemporaryBrokerDeletesItsDataOnClose() {
    Path data;
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      data = kafka.dataDir();
      assertThat(data).exists();
    }
    assertThat(data).doesNotExist();
  }

  /** Non-daemon threads started since {@code before} that are still alive after a grace period. */
  private static List<String> leftoverThreads(Set<Thread> before) throws InterruptedException {
    List<String> left = List.of();
    for (int i = 0; i < 50; i++) {
      left =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
              .map(Thread::getName)
              .collect(Collectors.toList());
      if (left.isEmpty()) {
        return left;
      }
      Thread.sleep(100);
    }
    return left;
  }
}
