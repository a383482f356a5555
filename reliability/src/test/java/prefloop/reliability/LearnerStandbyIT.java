package prefloop.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static prefloop.reliability.LearnerFleet.BATCH;
import static prefloop.reliability.LearnerFleet.CHILD_WAIT;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import prefloop.broker.EmbeddedKafkaExtension;

/**
 * A standby learner takes over from a learner JVM killed by SIGKILL: two learner processes on one
 * checkpoint store, the second started with a long {@code --lease-wait}. It trains nothing while
 * the first holds the lease; once the first is killed it restores the newest checkpoint and trains
 * on, and the surviving lineage holds every preference exactly once.
 */
class LearnerStandbyIT {
  @RegisterExtension
  static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.withPrefix("standby.");

  @Test
  void aStandbyTakesOverFromAKilledLearnerAndEveryPreferenceIsTrainedOnce(@TempDir Path dir)
      throws Exception {
    LearnerFleet fleet = LearnerFleet.create(kafka, "standby-learner", dir);
    List<String> expected = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer = RawKafka.producer(kafka.bootstrapServers());
        ChildLearner holder = fleet.start("holder", 15)) {
      expected.addAll(RawKafka.sendPreferences(producer, kafka.topics().preferences(), "a", 12));
      Await.until("the holder to train", CHILD_WAIT, () -> holder.running() && holder.step() >= 2);
      // started only now, so that the holder has the lease: the standby must wait for it
      try (ChildLearner standby = fleet.start("standby", 600)) {
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
      throw fleet.withLog(e);
    }

    assertThat(fleet.lineage().trainedPairIds()).containsExactlyInAnyOrderElementsOf(expected);
  }
}
