package prefloop.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import prefloop.broker.EmbeddedKafkaExtension;
import prefloop.broker.FreePort;

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

  @RegisterExtension
  static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.withPrefix(PREFIX);

  @Test
  void aStandbyTakesOverFromAKilledLearnerAndEveryPreferenceIsTrainedOnce(@TempDir Path dir)
      throws Exception {
    Models.tiny(dir.resolve("base"), 0, 7);
    SurvivingLineage lineage = new SurvivingLineage(dir.resolve("store"));
    Path log = dir.resolve("children.log");
    List<String> expected = new ArrayList<>();
    int holderPort = FreePort.pick();
    int standbyPort = FreePort.pick();
    try (KafkaProducer<byte[], byte[]> producer = RawKafka.producer(kafka.bootstrapServers());
        ChildLearner holder =
            ChildLearner.start(args(dir, "holder", holderPort, 15), holderPort, log)) {
      expected.addAll(RawKafka.sendPreferences(producer, kafka.topics().preferences(), "a", 12));
      Await.until("the holder to train", CHILD_WAIT, () -> holder.running() && holder.step() >= 2);
      // started only now, so that the holder has the lease: the standby must wait for it
      try (ChildLearner standby =
          ChildLearner.start(args(dir, "standby", standbyPort, 600), standbyPort, log)) {
        Await.sleep(Duration.ofSeconds(5));
        assertThat(standby.running()).as("the standby waits for the lease").isFalse();
        assertThat(standby.isAlive()).isTrue();

        holder.kill();
        expected.addAll(RawKafka.sendPreferences(producer, kafka.topics().preferences(), "b", 12));

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

    assertThat(lineage.trainedPairIds()).containsExactlyInAnyOrderElementsOf(expected);
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
}
