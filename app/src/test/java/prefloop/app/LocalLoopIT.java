package prefloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.broker.BrokerConfig;
import prefloop.broker.EmbeddedKafka;
import prefloop.learner.service.CheckpointStore;
import prefloop.learner.service.LearnerStatus;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.ModelRole;

/**
 * The whole loop of {@code up} in one process on the embedded broker, with a small 32×32 model:
 * pairs, preferences and learner steps flow; a policy update is broadcast and later pairs carry it;
 * stopping leaves a checkpoint, and a second loop on the same run directory resumes from it.
 */
class LocalLoopIT {
  private static final String PREFIX = "loopit.";
  private static final Duration PATIENCE = Duration.ofMinutes(4);

  @TempDir static Path dir;
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(BrokerConfig.ephemeral().withTopicPrefix(PREFIX));
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void pairsPreferencesAndStepsFlowAndARestartResumesFromTheFinalCheckpoint() throws Exception {
    Path base = LoopFixtures.smallBase(dir.resolve("base"));
    Path runDir = dir.resolve("run");
    TopicReader<GeneratedPair> pairs =
        new TopicReader<>(kafka.bootstrapServers(), Topics.withPrefix(PREFIX).pairs());

    long stepAtStop;
    long policyAtStop;
    long stepBeforeStop;
    try (LocalLoop loop = LocalLoop.start(plan(base, runDir))) {
      await(() -> status(loop).policyVersion() >= 1, "a policy update is broadcast");
      await(
          () -> pairs.poll().stream().anyMatch(p -> p.getPolicyVersion() >= 1),
          "a pair sampled by the broadcast policy");
      assertThat(pairs.seen()).as("pairs produced").isGreaterThan(2);
      assertThat(status(loop).pairsTrained()).as("preferences trained").isPositive();
      assertThat(loop.state().getJsonObject("totals").getLong("preferences")).isPositive();
      double delta = plan(base, runDir).learner().trainer().reference().delta();
      await(
          () -> loop.state().getDouble("driftDelta") == delta,
          "the dashboard to show the learner's δ, not its own default");
      stepBeforeStop = status(loop).step();
    } finally {
      pairs.close();
    }
    CheckpointStore store = new CheckpointStore(runDir.resolve("checkpoints"), Optional.empty());
    policyAtStop = store.latest(ModelRole.POLICY).orElseThrow();
    stepAtStop = store.manifest(ModelRole.POLICY, policyAtStop).learnerStep();
    assertThat(stepAtStop)
        .as("the final checkpoint's learner step")
        .isGreaterThanOrEqualTo(stepBeforeStop);

    try (LocalLoop again = LocalLoop.start(plan(base, runDir))) {
      LearnerStatus resumed = status(again);
      assertThat(resumed.step()).as("step after restart").isGreaterThanOrEqualTo(stepAtStop);
      assertThat(resumed.policyVersion()).isGreaterThanOrEqualTo(policyAtStop);
    }
  }

  private static LoopPlan plan(Path base, Path runDir) {
    return LoopFixtures.fastPlan(kafka.bootstrapServers(), PREFIX, base, runDir, t -> t, g -> g);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    LoopFixtures.await(condition, what, PATIENCE);
  }

  private static LearnerStatus status(LocalLoop loop) {
    return loop.learner().learner().orElseThrow().status();
  }
}
