package prefloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import prefloop.diffusion.checkpoint.CheckpointMetadata;
import prefloop.diffusion.checkpoint.CheckpointWriter;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.Prediction;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;
import prefloop.generator.GeneratorConfig;
import prefloop.learner.core.TrainerConfig;
import prefloop.learner.service.LearnerConfig;

/** What the whole-loop ITs share: a small base model, a fast plan, and waiting. */
final class LoopFixtures {

  /** Failsafe runs in app/; the shipped models are at the repository's root. */
  static final Path REPOSITORY = RepositoryRoot.dir();

  private LoopFixtures() {}

  /** A freshly initialised 32×32 UNet (the raters' image size), small enough to sample fast. */
  static Path smallBase(Path out) throws Exception {
    UNetConfig small =
        new UNetConfig(
            32, 3, 8, List.of(1, 2), 1, false, 4, 32, 8, 64, 12, Prediction.EPSILON, null);
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(small, 11)) {
      new CheckpointWriter(Map.of("djl", "test"), "test")
          .write(model, CheckpointMetadata.of("base", 0, 0, 11), out);
    }
    return out;
  }

  /**
   * The loop's defaults on {@code base} (a checkpoint or a bundle), with a learner that steps on 2
   * pairs and checkpoints every 2 steps, every service on a free port, and the shipped reward
   * models.
   */
  static LoopPlan fastPlan(String bootstrap, String prefix, Path base, Path runDir) {
    return fastPlan(bootstrap, prefix, base, runDir, t -> t, g -> g, 0);
  }

  /**
   * As above, with the learner's and the generator's settings changed by {@code trainer} and {@code
   * generator}, and the learner's HTTP server on {@code learnerPort} (0 = a free one).
   */
  static LoopPlan fastPlan(
      String bootstrap,
      String prefix,
      Path base,
      Path runDir,
      UnaryOperator<TrainerConfig> trainer,
      UnaryOperator<GeneratorConfig> generator,
      int learnerPort) {
    LoopPlan defaults = LoopPlan.defaults(bootstrap, prefix, base, runDir);
    LearnerConfig learner =
        LearnerConfig.builder(trainer.apply(defaults.learner().trainer()))
            .bootstrapServers(bootstrap)
            .topicPrefix(prefix)
            .baseCheckpoint(base)
            .checkpointDir(runDir.resolve("checkpoints"))
            .batchSize(2)
            .publishEvery(2)
            .httpPort(learnerPort)
            .advertisedHost("127.0.0.1")
            .build();
    return new LoopPlan(
            generator.apply(defaults.generator()),
            defaults.rater().withHttp(0, null),
            learner,
            defaults.dashboard().withPort(0))
        .withRewardModels(REPOSITORY.resolve("models/reward"))
        .withBacklogAboveLearnerCommits();
  }

  /** A producer of raw bytes, for writing records the way our services do. */
  static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
  }

  /** Waits for {@code condition}, failing with {@code what} after {@code patience}. */
  static void await(BooleanSupplier condition, String what, Duration patience)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
      Thread.sleep(200);
    }
  }
}
