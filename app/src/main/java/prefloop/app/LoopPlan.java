package prefloop.app;

import java.nio.file.Path;
import java.util.List;
import prefloop.app.dashboard.DashboardConfig;
import prefloop.app.sentinel.SentinelConfig;
import prefloop.generator.GeneratorConfig;
import prefloop.generator.PromptMix;
import prefloop.learner.core.TrainerConfig;
import prefloop.learner.service.LearnerConfig;
import prefloop.rater.ensemble.GroupPairs;
import prefloop.rater.model.ModelSpec;
import prefloop.rater.service.RaterConfig;

/**
 * The four services' configurations for one {@link LocalLoop}, all pointing at the same broker and
 * topic prefix.
 */
record LoopPlan(
    GeneratorConfig generator,
    RaterConfig rater,
    LearnerConfig learner,
    DashboardConfig dashboard) {

  /**
   * The defaults of every service for a broker at {@code bootstrap}: the base model from {@code
   * baseModel}, learner checkpoints under {@code runDir/checkpoints}, and groups of four images
   * rated into two nested pairs where a service alone samples and rates pairs.
   */
  static LoopPlan defaults(String bootstrap, String topicPrefix, Path baseModel, Path runDir) {
    return defaults(bootstrap, topicPrefix, baseModel, runDir, TrainerConfig.recommended());
  }

  /**
   * As {@link #defaults(String, String, Path, Path)}, with the learner training by {@code trainer}.
   */
  static LoopPlan defaults(
      String bootstrap, String topicPrefix, Path baseModel, Path runDir, TrainerConfig trainer) {
    LearnerConfig learner =
        LearnerConfig.builder(trainer)
            .bootstrapServers(bootstrap)
            .topicPrefix(topicPrefix)
            .baseCheckpoint(baseModel)
            .checkpointDir(runDir.resolve("checkpoints"))
            // Half of each batch replays recent pairs: on two cores the generator makes about one
            // pair a second, so fresh pairs alone would allow a step only every 8 s.
            .replayCapacity(256)
            .replayFraction(0.5)
            .build();
    GeneratorConfig generator =
        GeneratorConfig.defaults(bootstrap, baseModel.toString()).withTopicPrefix(topicPrefix);
    // Groups of four, rated into two nested pairs, beat pairs at equal images and steps
    // (docs/ALIGNMENT.md §17-18); the services alone keep pairs, which every objective accepts.
    return new LoopPlan(
        generator.withSampling(generator.sampling().withGroupSize(4)),
        RaterConfig.defaults(bootstrap)
            .withTopicPrefix(topicPrefix)
            .withGroupPairs(GroupPairs.NESTED),
        learner,
        DashboardConfig.defaults(bootstrap)
            .withBaseCheckpoint(baseModel)
            .withTopicPrefix(topicPrefix));
  }

  /** The dashboard's reward-hacking sentinel configured by {@code sentinel}. */
  LoopPlan withSentinel(SentinelConfig sentinel) {
    return new LoopPlan(generator, rater, learner, dashboard.withSentinel(sentinel));
  }

  /** The rater labels with {@code models} instead of the default ensemble. */
  LoopPlan withRaterModels(List<ModelSpec> models) {
    return new LoopPlan(generator, rater.withModels(models, rater.modelDir()), learner, dashboard);
  }

  /**
   * The raters' shipped models, and the dashboard's for its learning curve, read from {@code
   * directory}.
   */
  LoopPlan withRewardModels(Path directory) {
    return new LoopPlan(
        generator,
        rater.withModels(rater.models(), directory),
        learner,
        dashboard.withRewardDir(directory));
  }

  /**
   * For a model bundle as the base: prompts from {@code promptsFile} (free text; the toy world's
   * prompt sampler does not apply), also from the topic and HTTP, and rated by the reward model
   * that reads any prompt, the analytic aesthetic; the fidelity net reads toy-world prompts only.
   */
  LoopPlan withModelBundlePrompts(Path promptsFile) {
    PromptMix mix = generator.prompts();
    PromptMix bundlePrompts =
        new PromptMix(0, mix.topicWeight(), 4, mix.httpWeight(), promptsFile, mix.queueCapacity());
    return new LoopPlan(
        generator.withPrompts(bundlePrompts),
        rater.withModels(List.of(ModelSpec.parse("aesthetic:aesthetic:1:0.1")), rater.modelDir()),
        learner,
        // the learning curve scores grids of toy-world prompts with the toy reward models
        dashboard.withRewardDir(null));
  }

  /**
   * The generator's backlog bound raised to at least twice what the learner holds uncommitted: it
   * commits its offsets at each checkpoint, so up to publishEvery × batchSize preferences show as
   * lag, and a smaller bound would pause the generator for good.
   */
  LoopPlan withBacklogAboveLearnerCommits() {
    long uncommitted = (long) learner.publishEvery() * learner.batchSize();
    long bound = Math.max(generator.backpressure().maxBacklog(), 2 * uncommitted);
    return new LoopPlan(
        generator.withBackpressure(generator.backpressure().withMaxBacklog(bound)),
        rater,
        learner,
        dashboard);
  }

  /**
   * The dashboard's drift threshold set to the learner's δ, so the console and the drift chart show
   * the guard's real bound before the learner's first status arrives.
   */
  LoopPlan withDashboardDeltaOfLearner() {
    return new LoopPlan(
        generator, rater, learner, dashboard.withDriftDelta(learner.trainer().reference().delta()));
  }
}
