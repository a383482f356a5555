package prefloop.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.broker.BrokerConfig;
import prefloop.broker.EmbeddedKafka;
import prefloop.broker.TestMessages;
import prefloop.learner.service.CheckpointStore;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.PreferenceLabel;

/**
 * A standby learner takes over from a learner JVM killed by SIGKILL: two learner processes on one
 * checkpoint store, the second started with a long {@code --lease-wait}. It trains nothing while
 * the first holds the lease; once the first is killed it restores the newest checkpoint and trains
 * on, and the surviving lineage holds every preference exactly once.
 */
class LearnerStandbyIT {
  private static final String PREFIX = "standby.";
  private static final int BATCH = 4;
  private static final Duration CHILD_WAIT = Duration.ofSeconds(120);

  private static EmbeddedKafka kafka;
  private static Topics topics;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start(BrokerConfig.ephemeral().withTopicPrefix(PREFIX));
    topics = kafka.topics();
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  @Test
  void aStandbyTakesOverFromAKilledLearnerAndEveryPreferenceIsTrainedOnce(@TempDir Path dir)
      throws Exception {
    Models.tiny(dir.resolve("base"), 0, 7);
    Path log = dir.resolve("children.log");
    List<String> expected = new ArrayList<>();
    int holderPort = freePort();
    int standbyPort = freePort();
    try (KafkaProducer<byte[], byte[]> producer = RawKafka.producer(kafka.bootstrapServers());
        ChildLearner holder =
            ChildLearner.start(args(dir, "holder", holderPort, 15), holderPort, log)) {
      produce(producer, "a", 12, expected);
      Await.until("the holder to train", CHILD_WAIT, () -> holder.running() && holder.step() >= 2);
      // started only now, so that the holder has the lease: the standby must wait for it
      try (ChildLearner standby =
          ChildLearner.start(args(dir, "standby", standbyPort, 600), standbyPort, log)) {
        Await.sleep(Duration.ofSeconds(5));
        assertThat(standby.running()).as("the standby waits for the lease").isFalse();
        assertThat(standby.isAlive()).isTrue();

        holder.kill();
        produce(producer, "b", 12, expected);

        Await.until(
            "the standby to take over and train all " + expected.size() + " preferences",
            CHILD_WAIT,
            () ->
                standby.running()
                    && standby.step() >= expected.size() / BATCH
                    && standby.pending() == 0);
        standby.stop();
      }
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; children's log:\n" + Files.readString(log));
    }

    assertThat(trainedInSurvivingLineage(dir)).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static List<String> trainedInSurvivingLineage(Path dir) throws Exception {
    CheckpointStore store = new CheckpointStore(dir.resolve("store"), Optional.empty());
    List<String> trained = new ArrayList<>();
    for (long v = store.latest(ModelRole.POLICY).orElseThrow();
        v >= 0;
        v = store.ledger(v).parentVersion()) {
      store.ledger(v).steps().forEach(s -> trained.addAll(s.fresh()));
    }
    return trained;
  }

  private static void produce(
      KafkaProducer<byte[], byte[]> producer, String prefix, int count, List<String> expected) {
    for (int i = 0; i < count; i++) {
      String id = String.format("%s%02d", prefix, i);
      PreferenceLabel label = i % 2 == 0 ? PreferenceLabel.A : PreferenceLabel.B;
      RawKafka.send(producer, topics.preferences(), id, TestMessages.preference(id, label, 0, 8));
      expected.add(id);
    }
  }

  private static List<String> args(Path dir, String id, int port, int leaseWaitSeconds) {
    return List.of(
        "--id",
        id,
        "--bootstrap",
        kafka.bootstrapServers(),
        "--topic-prefix",
        PREFIX,
        "--group",
        "standby-learner",
        "--batch",
        Integer.toString(BATCH),
        "--publish-every",
        "2",
        "--checkpoints",
        dir.resolve("store").toString(),
        "--port",
        Integer.toString(port),
        "--device",
        "CPU",
        "--base",
        dir.resolve("base").toString(),
        "--lr",
        "1e-3",
        "--max-staleness",
        "1000",
        "--keep-checkpoints",
        "1000000",
        "--lease-wait",
        Integer.toString(leaseWaitSeconds));
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
