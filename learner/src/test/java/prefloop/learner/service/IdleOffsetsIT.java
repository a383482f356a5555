package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.broker.BrokerConfig;
import prefloop.broker.EmbeddedKafka;
import prefloop.broker.TestMessages;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.PreferenceLabel;

/**
 * Preferences that never fill a batch (ties) still show as consumed in the group's offsets once the
 * learner is idle, long before any checkpoint: the generator's backpressure reads that lag, and
 * when it fell only at checkpoints, a run of mostly ties deadlocked (seen with {@code up
 * --model-bundle models/latent-denoiser}: paused at a backlog of 296 with the learner idle at step
 * 13 of the 16 before its first checkpoint).
 */
class IdleOffsetsIT {

  @Test
  void consumedOffsetsAreCommittedWhileIdleWithoutACheckpoint(@TempDir Path dir) throws Exception {
    idleAfter(dir, 4, "idle", "io.");
  }

  /**
   * Nothing but ties (seen with a brightness rater whose scale made every margin a tie): no batch
   * ever formed, so the offsets never moved and the generator paused for good at its backlog.
   */
  @Test
  void aStreamOfNothingButTiesIsConsumedToo(@TempDir Path dir) throws Exception {
    idleAfter(dir, 0, "ties", "ties.");
  }

  private static void idleAfter(Path dir, int decisive, String name, String prefix)
      throws Exception {
    try (EmbeddedKafka kafka =
        EmbeddedKafka.start(BrokerConfig.ephemeral().withTopicPrefix(prefix))) {
      Topics topics = kafka.topics();
      try (KafkaProducer<byte[], byte[]> producer =
          LearnerFixture.producer(kafka.bootstrapServers())) {
        // `decisive` A/B preferences (one batch of 4, or none), then ties up to 30
        for (int i = 0; i < 30; i++) {
          String id = "p" + i;
          PreferenceLabel label = i >= decisive ? PreferenceLabel.TIE : PreferenceLabel.A;
          LearnerFixture.send(
              producer, topics.preferences(), id, TestMessages.preference(id, label, 0, 8));
        }
      }
      LearnerConfig config =
          LearnerFixture.kafkaLearner(name, kafka.bootstrapServers(), prefix, dir)
              .batchSize(4)
              .publishEvery(1000)
              .build();
      Learner learner = Learner.open(config);
      learner.start("http://127.0.0.1:1/checkpoints/");
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        LearnerFixture.await(
            "the 30 preferences to show as consumed in the group's offsets",
            Duration.ofSeconds(60),
            () -> committed(admin, name + "-learner") == 30);
        assertThat(learner.status().step()).isEqualTo(decisive / 4);
        assertThat(learner.status().policyVersion()).as("no checkpoint after v0").isZero();
      } finally {
        learner.stop(Duration.ofSeconds(60));
      }
    }
  }

  private static long committed(Admin admin, String group) {
    try {
      Map<?, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(10, TimeUnit.SECONDS);
      return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
    } catch (Exception e) {
      return -1;
    }
  }
}
