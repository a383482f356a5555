package prefloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import prefloop.broker.BrokerConfig;
import prefloop.broker.EmbeddedKafka;
import prefloop.broker.TopicReader;
import prefloop.learner.service.LearnerStatus;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.LearnerMetrics;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.ModelUpdate;
import prefloop.schemas.avro.WeightsKind;
import prefloop.world.PromptGrammar;

/**
 * {@code up --model-bundle DIR}: the whole loop on each committed TorchScript fixture, the pixel
 * one and the latent one (whose samples are decoded for the rater and encoded back for the
 * learner). Free-text prompts (outside the toy grammar) are sampled, rated by the aesthetic model
 * and trained; the learner broadcasts ADAPTER updates naming the bundle, the generator serves them
 * (the second onto the base copy the first one freed), and the loss moves.
 */
class BundleLoopIT {
  private static final String PREFIX = "bundleit.";
  private static final Duration PATIENCE = Duration.ofMinutes(4);

  @TempDir Path dir;
  private EmbeddedKafka kafka;

  @BeforeEach
  void startBroker() {
    kafka = EmbeddedKafka.start(BrokerConfig.ephemeral().withTopicPrefix(PREFIX));
  }

  @AfterEach
  void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"models/plain-denoiser", "models/latent-denoiser"})
  void freeTextPromptsAreSampledRatedAndTrainedAndAdapterUpdatesAreServed(String fixture)
      throws Exception {
    Path bundle = LoopFixtures.REPOSITORY.resolve(fixture);
    Topics topics = Topics.withPrefix(PREFIX);
    List<GeneratedPair> pairs = new ArrayList<>();
    List<ModelUpdate> updates = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    try (LocalLoop loop = LocalLoop.start(plan(bundle, dir.resolve("run")));
        TopicReader<GeneratedPair> pairReader =
            new TopicReader<>(kafka.bootstrapServers(), topics.pairs());
        TopicReader<ModelUpdate> updateReader =
            new TopicReader<>(kafka.bootstrapServers(), topics.modelUpdates());
        TopicReader<LearnerMetrics> metrics =
            new TopicReader<>(kafka.bootstrapServers(), topics.metrics())) {
      await(
          () -> {
            pairs.addAll(pairReader.poll());
            return pairs.stream().anyMatch(p -> p.getPolicyVersion() >= 2);
          },
          "a pair sampled by the second broadcast policy");
      updates.addAll(updateReader.poll());
      metrics.poll().forEach(m -> losses.add(m.getLoss()));
      assertThat(status(loop).pairsTrained()).as("preferences trained").isPositive();
    }

    List<String> bundlePrompts =
        Files.readAllLines(bundle.resolve("prompts.txt")).stream()
            .filter(line -> !line.isBlank() && !line.startsWith("#"))
            .toList();
    PromptGrammar grammar = new PromptGrammar();
    assertThat(pairs)
        .allSatisfy(p -> assertThat(bundlePrompts).contains(p.getPrompt()))
        .anySatisfy(
            p ->
                assertThat(catchParse(grammar, p.getPrompt()))
                    .as("a prompt outside the toy grammar")
                    .isTrue());
    List<ModelUpdate> policies =
        updates.stream().filter(u -> u.getRole() == ModelRole.POLICY).toList();
    assertThat(policies)
        .isNotEmpty()
        .allSatisfy(
            u -> {
              assertThat(u.getWeights()).isEqualTo(WeightsKind.ADAPTER);
              assertThat(u.getBaseSha256()).hasSize(64);
              // the adapters only: 2,796 floats, not the 31 k of the denoiser
              assertThat(u.getBytes()).isLessThan(16_000);
            });
    assertThat(losses).as("the learner's loss per step").hasSizeGreaterThan(2);
    assertThat(losses.stream().distinct().count()).as("distinct losses").isGreaterThan(1);
  }

  private static boolean catchParse(PromptGrammar grammar, String prompt) {
    try {
      grammar.parse(prompt);
      return false;
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  private LoopPlan plan(Path bundle, Path runDir) {
    return LoopFixtures.fastPlan(kafka.bootstrapServers(), PREFIX, bundle, runDir)
        .withModelBundlePrompts(bundle.resolve("prompts.txt"));
  }

  private static LearnerStatus status(LocalLoop loop) {
    return loop.learner().learner().orElseThrow().status();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    LoopFixtures.await(condition, what, PATIENCE);
  }
}
