package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.broker.BrokerConfig;
import prefloop.broker.EmbeddedKafka;

/**
 * One learner per model (issue 16): a second learner is refused while the first lives, and a
 * standby takes over once the first dies.
 */
class LearnerLeaseIT {

  @Test
  void aSecondLeaseIsRefusedWhileTheFirstIsHeldAndGrantedAtOnceAfterAGracefulRelease()
      throws Exception {
    try (EmbeddedKafka kafka =
        EmbeddedKafka.start(BrokerConfig.ephemeral().withTopicPrefix("lease."))) {
      String topic = kafka.topics().modelUpdates().name();
      LearnerLease first =
          LearnerLease.acquire(kafka.bootstrapServers(), topic, "first", Duration.ZERO);
      assertThat(first.held()).isTrue();

      assertThatThrownBy(
              () ->
                  LearnerLease.acquire(
                      kafka.bootstrapServers(), topic, "second", Duration.ofSeconds(3)))
          .isInstanceOf(LeaseHeldException.class)
          .hasMessageContaining("first-lease")
          .hasMessageContaining("--lease-wait");
      assertThat(first.held()).as("the newcomer did not take the lease away").isTrue();

      first.close();
      long start = System.nanoTime();
      try (LearnerLease second =
          LearnerLease.acquire(kafka.bootstrapServers(), topic, "second", Duration.ofSeconds(30))) {
        assertThat(second.held()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
            .as("a graceful stop leaves the group: no session to wait out")
            .isLessThan(LearnerLease.SESSION_TIMEOUT);
      }
    }
  }

  @Test
  void aStandbyTakesTheLeaseOverWhenTheHolderIsKilled() throws Exception {
    try (EmbeddedKafka kafka =
        EmbeddedKafka.start(BrokerConfig.ephemeral().withTopicPrefix("standby."))) {
      String topic = kafka.topics().modelUpdates().name();
      Process holder = startHolder(kafka.bootstrapServers(), topic);
      try {
        assertThatThrownBy(
                () ->
                    LearnerLease.acquire(
                        kafka.bootstrapServers(), topic, "standby", Duration.ofSeconds(2)))
            .isInstanceOf(LeaseHeldException.class)
            .hasMessageContaining("holder-lease");

        holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        long killed = System.nanoTime();
        try (LearnerLease standby =
            LearnerLease.acquire(
                kafka.bootstrapServers(), topic, "standby", Duration.ofSeconds(60))) {
          Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
          assertThat(standby.held()).isTrue();
          assertThat(takeover)
              .as("taken over once the dead holder's session expired")
              .isLessThan(LearnerLease.SESSION_TIMEOUT.plusSeconds(15));
        }
      } finally {
        holder.destroyForcibly();
      }
    }
  }

  @Test
  void aSecondLearnerOfTheSameModelRefusesToStart(@TempDir Path dir) throws Exception {
    try (EmbeddedKafka kafka =
        EmbeddedKafka.start(BrokerConfig.ephemeral().withTopicPrefix("twice."))) {
      Path base = LearnerFixture.tinyBase(dir.resolve("base"));
      Learner first = Learner.open(config(kafka, "one", dir.resolve("one"), base));
      first.start("http://127.0.0.1:1/checkpoints/");
      try {
        assertThatThrownBy(() -> Learner.open(config(kafka, "two", dir.resolve("two"), base)))
            .isInstanceOf(LeaseHeldException.class)
            .hasMessageContaining("one-lease");
      } finally {
        first.stop(Duration.ofSeconds(60));
      }
    }
  }

  private static LearnerConfig config(EmbeddedKafka kafka, String id, Path store, Path base) {
    return LearnerConfig.builder(LearnerFixture.trainer())
        .learnerId(id)
        .bootstrapServers(kafka.bootstrapServers())
        .topicPrefix("twice.")
        .groupId("twice-learner-" + id)
        .batchSize(4)
        .checkpointDir(store)
        .baseCheckpoint(base)
        .leaseWaitSeconds(2)
        .build();
  }

  private static Process startHolder(String bootstrap, String topic) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    LeaseHolderMain.class.getName(),
                    bootstrap,
                    topic,
                    "holder"))
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("HELD true")) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "holder-output");
        drain.setDaemon(true);
        drain.start();
        return process;
      }
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    process.destroyForcibly();
    throw new AssertionError("the lease holder process did not take the lease");
  }
}
