package prefloop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import prefloop.broker.BrokerConfig;
import prefloop.broker.EmbeddedKafka;
import prefloop.broker.TopicReader;
import prefloop.learner.core.ObjectiveKind;
import prefloop.learner.core.TrainerConfig;
import prefloop.learner.service.LearnerStatus;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.LearnerMetrics;
import prefloop.schemas.avro.Preference;

/**
 * The other objectives in the whole loop: the learner trains on the loop's own preferences,
 * broadcasts a policy, and later pairs are sampled from it.
 *
 * <ul>
 *   <li>Diffusion-IPO, on {@code up}'s groups of four: the loss starts at (0 − ½)² = ¼ (policy =
 *       reference) and moves.
 *   <li>D3PO: the generator samples trajectories (η = 1); a 20-step 32×32 trajectory (516 KB) is
 *       over the 64 KiB inline limit, so it travels as a blob the learner fetches from the
 *       generator (it used to dead-letter every such pair).
 *   <li>DPOK: the same trajectories, with the generator's log-probabilities for the importance
 *       ratio and the rater's reward of each image for the advantages.
 * </ul>
 */
class ObjectiveLoopIT {
  private static final String PREFIX = "objit.";
  private static final Duration PATIENCE = Duration.ofMinutes(4);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = ObjectiveKind.class,
      names = {"IPO", "D3PO", "DPOK"})
  void trainsInTheLoopAndItsPolicyIsServed(ObjectiveKind objective) throws Exception {
    try (EmbeddedKafka kafka =
        EmbeddedKafka.start(BrokerConfig.ephemeral().withTopicPrefix(PREFIX))) {
      Path base = LoopFixtures.smallBase(dir.resolve("base"));
      Topics topics = Topics.withPrefix(PREFIX);
      List<Double> losses = new ArrayList<>();
      LoopPlan plan = plan(kafka, base, dir.resolve("run"), objective);
      int groupSize = plan.generator().sampling().groupSize();
      try (LocalLoop loop = LocalLoop.start(plan);
          TopicReader<GeneratedPair> pairs =
              new TopicReader<>(kafka.bootstrapServers(), topics.pairs());
          TopicReader<LearnerMetrics> metrics =
              new TopicReader<>(kafka.bootstrapServers(), topics.metrics());
          TopicReader<Preference> preferences =
              new TopicReader<>(kafka.bootstrapServers(), topics.preferences())) {
        LoopFixtures.await(
            () -> pairs.poll().stream().anyMatch(p -> p.getPolicyVersion() >= 1),
            "a pair sampled by the first " + objective + " policy",
            PATIENCE);
        metrics.poll().forEach(m -> losses.add(m.getLoss()));
        LearnerStatus status = loop.learner().learner().orElseThrow().status();
        assertThat(loop.learner().learner().orElseThrow().config().trainer().objective())
            .isEqualTo(objective);
        assertThat(status.pairsTrained()).isPositive();
        assertThat(status.deadLetters()).as("dead letters").isZero();
        assertThat(preferences.poll())
            .as("every model preference carries its group's rewards, DPOK's advantages")
            .isNotEmpty()
            .allSatisfy(
                p -> {
                  assertThat(p.getGroup().getRewards())
                      .hasSize(groupSize)
                      .allMatch(Double::isFinite);
                  assertThat(p.getGroup().getAIndex())
                      .isNotEqualTo(p.getGroup().getBIndex())
                      .isBetween(0, groupSize - 1);
                  assertThat(p.getGroup().getBIndex()).isBetween(0, groupSize - 1);
                });
        if (objective.needsTrajectories()) {
          assertThat(groupSize).as("trajectory objectives take pairs").isEqualTo(2);
        }
      }
      assertThat(losses).hasSizeGreaterThanOrEqualTo(2).allMatch(Double::isFinite);
      if (objective == ObjectiveKind.IPO) {
        assertThat(losses.get(0)).isCloseTo(0.25, within(1e-4));
      }
      assertThat(losses.stream().distinct().count()).isGreaterThan(1);
    }
  }

  private static LoopPlan plan(
      EmbeddedKafka kafka, Path base, Path runDir, ObjectiveKind objective) {
    return LoopFixtures.fastPlan(
        kafka.bootstrapServers(),
        PREFIX,
        base,
        runDir,
        trainer ->
            trainer.withObjective(
                objective, objective == ObjectiveKind.DPOK ? TrainerConfig.DPOK_BETA : 1000),
        generator ->
            objective.needsTrajectories()
                ? generator.withSampling(generator.sampling().withTrajectory(1.0))
                : generator,
        0);
  }
}
