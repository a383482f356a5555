package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.broker.BrokerConfig;
import prefloop.broker.EmbeddedKafka;
import prefloop.broker.TestMessages;
import prefloop.diffusion.checkpoint.CheckpointManifest;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.PreferenceLabel;

/**
 * A rollback asked for from outside (the reward-hacking sentinel): the learner goes back to an
 * earlier version's weights, publishes them as a new version, lowers its learning rate, and keeps
 * reading where it was.
 */
class RequestedRollbackIT {

  @Test
  void theLearnerPublishesTheEarlierWeightsAsANewVersionAndTrainsOn(@TempDir Path dir)
      throws Exception {
    try (EmbeddedKafka kafka =
        EmbeddedKafka.start(BrokerConfig.ephemeral().withTopicPrefix("rb."))) {
      Topics topics = kafka.topics();
      LearnerConfig config =
          LearnerFixture.kafkaLearner("rb", kafka.bootstrapServers(), "rb.", dir)
              .batchSize(2)
              .publishEvery(2)
              .build();
      Learner learner = Learner.open(config);
      learner.start("http://127.0.0.1:1/checkpoints/");
      try (KafkaProducer<byte[], byte[]> producer =
          LearnerFixture.producer(kafka.bootstrapServers())) {
        send(producer, topics, 0, 12);
        LearnerFixture.await(
            "policy v3", Duration.ofSeconds(120), () -> learner.status().policyVersion() >= 3);
        assertThatThrownBy(
                () -> new RollbackRequest(1, 0, "a factor of 0 would stop learning altogether"))
            .isInstanceOf(IllegalArgumentException.class);

        long before = learner.status().policyVersion();
        Map<String, Long> offsetsBefore = learner.status().offsets();
        assertThat(learner.requestRollback(new RollbackRequest(1, 0.5, "held-out fell")))
            .isEqualTo(1);
        LearnerFixture.await(
            "the rolled-back version",
            Duration.ofSeconds(60),
            () -> learner.status().policyVersion() > before);

        CheckpointStore store = new CheckpointStore(config.checkpointDir(), Optional.empty());
        CheckpointManifest good = store.manifest(ModelRole.POLICY, 1);
        CheckpointManifest restored = store.manifest(ModelRole.POLICY, before + 1);
        assertThat(restored.weightsSha256()).isEqualTo(good.weightsSha256());
        assertThat(restored.extra().get(CheckpointPublisher.TRAINER_MEMORY))
            .contains("\"learningRateScale\":0.5");
        assertThat(restored.extra().get(CheckpointPublisher.REFERENCE_VERSION))
            .isEqualTo(good.extra().get(CheckpointPublisher.REFERENCE_VERSION));
        assertThat(restored.consumerOffsets())
            .as("nothing is read again: the preferences since v1 are not retrained")
            .isEqualTo(offsetsBefore);
        assertThat(learner.status().rollbacks()).isEqualTo(1);
        assertThat(store.ledger(before + 1).parentVersion())
            .as("the restored weights descend from v1, not from the version they replaced")
            .isEqualTo(1);
        assertThat(lineage(store, before + 1)).isEqualTo(lineage(store, 1));

        long steps = learner.status().step();
        send(producer, topics, 12, 16);
        LearnerFixture.await(
            "training to go on", Duration.ofSeconds(60), () -> learner.status().step() > steps);

        // a rollback that raises β and pauses: nothing is trained until a resume
        assertThat(learner.resume()).as("not paused yet").isFalse();
        learner.requestRollback(new RollbackRequest(1, 1.0, 2.0, true, "freeze the hack"));
        LearnerFixture.await(
            "the pause", Duration.ofSeconds(60), () -> "PAUSED".equals(learner.status().state()));
        long pausedVersion = learner.status().policyVersion();
        assertThat(store.manifest(ModelRole.POLICY, pausedVersion).weightsSha256())
            .isEqualTo(good.weightsSha256());
        assertThat(store.manifest(ModelRole.POLICY, pausedVersion).extra())
            .extractingByKey(CheckpointPublisher.TRAINER_MEMORY)
            .asString()
            .contains("\"betaScale\":2.0")
            .contains("\"paused\":true");
        long pausedSteps = learner.status().step();
        // made by the version being served, or they would be too stale to train
        send(producer, topics, 16, 24, pausedVersion);
        Thread.sleep(3_000);
        assertThat(learner.status().step())
            .as("nothing trained while paused")
            .isEqualTo(pausedSteps);

        assertThat(learner.resume()).isTrue();
        LearnerFixture.await(
            "training after the resume",
            Duration.ofSeconds(60),
            () -> learner.status().step() > pausedSteps);
        assertThat(learner.status().state()).isEqualTo("RUNNING");
      } finally {
        learner.stop(Duration.ofSeconds(60));
      }
    }
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, Topics topics, int from, int to)
      throws Exception {
    send(producer, topics, from, to, 0);
  }

  /** The pair ids in the weights of {@code version}: its ledgers back to v0. */
  private static List<String> lineage(CheckpointStore store, long version) throws Exception {
    List<String> trained = new ArrayList<>();
    for (long v = version; v > 0; v = store.ledger(v).parentVersion()) {
      store.ledger(v).steps().forEach(s -> trained.addAll(s.fresh()));
    }
    Collections.sort(trained);
    return trained;
  }

  private static void send(
      KafkaProducer<byte[], byte[]> producer, Topics topics, int from, int to, long version)
      throws Exception {
    for (int i = from; i < to; i++) {
      String id = "p" + i;
      LearnerFixture.send(
          producer,
          topics.preferences(),
          id,
          TestMessages.preference(id, PreferenceLabel.A, version, 8));
    }
  }
}
