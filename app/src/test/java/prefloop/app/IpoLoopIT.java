package prefloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.broker.BrokerConfig;
import prefloop.broker.EmbeddedKafka;
import prefloop.diffusion.checkpoint.CheckpointMetadata;
import prefloop.diffusion.checkpoint.CheckpointWriter;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.Prediction;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;
import prefloop.learner.core.ObjectiveKind;
import prefloop.learner.service.LearnerConfig;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.LearnerMetrics;

/**
 * Diffusion-IPO in the whole loop: the learner trains with IPO's squared loss on the loop's own
 * preferences, broadcasts a policy, and later pairs are sampled from it; the loss starts at (0 −
 * ½)² = ¼ (policy = reference) and moves.
 */
class IpoLoopIT {
  private static final String PREFIX = "ipoit.";
  private static final Duration PATIENCE = Duration.ofMinutes(4);
  private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

  @TempDir Path dir;

  @Test
  void ipoTrainsInTheLoopAndItsPolicyIsServed() throws Exception {
    try (EmbeddedKafka kafka =
        EmbeddedKafka.start(BrokerConfig.ephemeral().withTopicPrefix(PREFIX))) {
      Path base = smallBase(dir.resolve("base"));
      Topics topics = Topics.withPrefix(PREFIX);
      List<Double> losses = new ArrayList<>();
      try (LocalLoop loop = LocalLoop.start(plan(kafka, base, dir.resolve("run")));
          TopicReader<GeneratedPair> pairs =
              new TopicReader<>(kafka.bootstrapServers(), topics.pairs());
          TopicReader<LearnerMetrics> metrics =
              new TopicReader<>(kafka.bootstrapServers(), topics.metrics())) {
        await(
            () -> pairs.poll().stream().anyMatch(p -> p.getPolicyVersion() >= 1),
            "a pair sampled by the first IPO policy");
        metrics.poll().forEach(m -> losses.add(m.getLoss()));
        assertThat(loop.learner().learner().orElseThrow().config().trainer().objective())
            .isEqualTo(ObjectiveKind.IPO);
      }
      assertThat(losses).hasSizeGreaterThanOrEqualTo(2).allMatch(Double::isFinite);
      assertThat(losses.get(0)).isCloseTo(0.25, org.assertj.core.api.Assertions.within(1e-4));
      assertThat(losses.stream().distinct().count()).isGreaterThan(1);
    }
  }

  private static LoopPlan plan(EmbeddedKafka kafka, Path base, Path runDir) {
    LoopPlan defaults = LoopPlan.defaults(kafka.bootstrapServers(), PREFIX, base, runDir);
    LearnerConfig learner =
        LearnerConfig.builder(defaults.learner().trainer().withObjective(ObjectiveKind.IPO, 1000))
            .bootstrapServers(kafka.bootstrapServers())
            .topicPrefix(PREFIX)
            .baseCheckpoint(base)
            .checkpointDir(runDir.resolve("checkpoints"))
            .batchSize(2)
            .publishEvery(2)
            .http(0, "127.0.0.1")
            .build();
    return new LoopPlan(
            defaults.generator(),
            defaults.rater().withHttp(0, null),
            learner,
            defaults.dashboard().withPort(0))
        .withRewardModels(REPOSITORY.resolve("models/reward"))
        .withBacklogAboveLearnerCommits();
  }

  private static Path smallBase(Path out) throws Exception {
    UNetConfig small =
        new UNetConfig(
            32, 3, 8, List.of(1, 2), 1, false, 4, 32, 8, 64, 12, Prediction.EPSILON, null);
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(small, 11)) {
      new CheckpointWriter(Map.of("djl", "test"), "test")
          .write(model, CheckpointMetadata.of("base", 0, 0, 11), out);
    }
    return out;
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
