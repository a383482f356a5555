package prefloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.app.dashboard.DashboardConfig;
import prefloop.broker.BrokerConfig;
import prefloop.broker.EmbeddedKafka;
import prefloop.generator.GeneratorConfig;
import prefloop.learner.core.TrainerConfig;
import prefloop.learner.service.LearnerConfig;
import prefloop.rater.service.RaterConfig;

/**
 * The services with the defaults each gets when started on its own ({@code ./prefloop generator|
 * rater|learner --bootstrap-servers ...}, and docker-compose), with no adjustment by {@code up}:
 * the generator pauses at a backlog of 64, while the learner needs 16 steps × 8 pairs = 128
 * preferences before its first broadcast. That used to stall for good (the learner's offsets moved
 * only at checkpoints, so the backlog never drained); now the learner commits what it consumed when
 * idle, and the loop must get past its first policy.
 */
class StandaloneDefaultsIT {
  private static final String PREFIX = "alone.";

  @TempDir Path dir;

  @Test
  void theStandaloneDefaultsGetPastTheFirstBroadcast() throws Exception {
    try (EmbeddedKafka kafka =
        EmbeddedKafka.start(BrokerConfig.ephemeral().withTopicPrefix(PREFIX))) {
      String bootstrap = kafka.bootstrapServers();
      Path base = LoopFixtures.smallBase(dir.resolve("base"));
      GeneratorConfig generator =
          GeneratorConfig.defaults(bootstrap, base.toString())
              .withTopicPrefix(PREFIX)
              .withHttpPort(0);
      LearnerConfig learner =
          LearnerConfig.builder(TrainerConfig.recommended())
              .bootstrapServers(bootstrap)
              .topicPrefix(PREFIX)
              .baseCheckpoint(base)
              .checkpointDir(dir.resolve("checkpoints"))
              .httpPort(0)
              .advertisedHost("127.0.0.1")
              .build();
      assertThat((long) learner.publishEvery() * learner.batchSize())
          .as("the scenario: a first broadcast beyond the generator's backlog bound")
          .isGreaterThan(generator.backpressure().maxBacklog());
      LoopPlan plan =
          new LoopPlan(
              generator,
              RaterConfig.defaults(bootstrap)
                  .withTopicPrefix(PREFIX)
                  .withHttp(0, null)
                  .withModels(
                      RaterConfig.defaults(bootstrap).models(),
                      LoopFixtures.REPOSITORY.resolve("models/reward")),
              learner,
              DashboardConfig.defaults(bootstrap).withTopicPrefix(PREFIX).withPort(0));
      try (LocalLoop loop = LocalLoop.start(plan)) {
        LoopFixtures.await(
            () -> loop.learner().learner().orElseThrow().status().policyVersion() >= 1,
            "the learner's first broadcast (policy v1)",
            Duration.ofMinutes(6));
      }
    }
  }
}
