package prefloop.learner.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import prefloop.diffusion.bundle.TorchScriptDiffusionModel;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;
import prefloop.diffusion.sampler.DdimSampler;
import prefloop.diffusion.sampler.SampleRequest;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.diffusion.sampler.SamplingResult;
import prefloop.diffusion.sampler.TimestepSpacing;
import prefloop.diffusion.schedule.NoiseSchedule;
import prefloop.diffusion.schedule.ScheduleConfig;
import prefloop.diffusion.schedule.ScheduleKind;
import prefloop.diffusion.schedule.ScheduleTensors;

class PreferenceTrainerTest {

  private static final int SIZE = UNetConfig.tiny().imageSize();

  private NDManager manager;
  private DiffusionModel base;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
    base = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 11);
  }

  @AfterEach
  void tearDown() {
    base.close();
    manager.close();
  }

  @Test
  void oneDpoStepOnOnePairRaisesThatPairsMargin() {
    TrainerConfig config = TrainerConfig.defaults().withLearningRate(1e-3).withBeta(500);
    List<PreferenceExample> pair = TinyPairs.random(1, SIZE, 3);
    try (PreferenceTrainer trainer = new PreferenceTrainer(config, base, manager)) {
      assertThat(marginAtFirstDraw(trainer, pair)).isZero();

      StepResult result = trainer.step(pair);

      assertThat(result.nonFinite()).isFalse();
      assertThat(result.pairsUsed()).isEqualTo(1);
      assertThat(result.meanMargin()).isZero();
      assertThat(result.loss())
          .isCloseTo(Math.log(2), org.assertj.core.api.Assertions.within(1e-6));
      assertThat(marginAtFirstDraw(trainer, pair)).isPositive();
    }
  }

  @Test
  void theDriftOfNoExamplesIsNotANumber() {
    try (PreferenceTrainer trainer =
        new PreferenceTrainer(TrainerConfig.defaults(), base, manager)) {
      assertThat(trainer.policyDrift(List.of())).isNaN();
      assertThat(trainer.policyDrift(TinyPairs.random(2, SIZE, 5))).isZero();
    }
  }

  @Test
  void aRestoredPolicyWithItsOptimiserStateTrainsExactlyAsIfNeverStopped() throws Exception {
    TrainerConfig config = TrainerConfig.defaults().withLearningRate(1e-3).withBeta(500);
    List<PreferenceExample> pairs = TinyPairs.random(4, SIZE, 21);
    try (PreferenceTrainer straight = new PreferenceTrainer(config, base, manager);
        PreferenceTrainer restarted = new PreferenceTrainer(config, base, manager);
        PreferenceTrainer cold = new PreferenceTrainer(config, base, manager)) {
      for (int step = 0; step < 3; step++) {
        straight.step(pairs);
      }
      java.io.ByteArrayOutputStream state = new java.io.ByteArrayOutputStream();
      straight.saveOptimizer(state);
      restarted.loadPolicy(straight.policy());
      restarted.loadOptimizer(new java.io.ByteArrayInputStream(state.toByteArray()));
      restarted.restoreStepsTaken(3);
      cold.loadPolicy(straight.policy());
      cold.restoreStepsTaken(3);

      straight.step(pairs);
      restarted.step(pairs);
      cold.step(pairs);

      assertThat(TinyPairs.flat(restarted.policy()))
          .containsExactly(TinyPairs.flat(straight.policy()));
      assertThat(TinyPairs.flat(cold.policy())).isNotEqualTo(TinyPairs.flat(straight.policy()));
    }
  }

  @Test
  void aTorchScriptBundleTrainsOnlyItsAdaptersOnFreeTextPrompts() throws Exception {
    List<PreferenceExample> pairs = new java.util.ArrayList<>();
    for (PreferenceExample pair : TinyPairs.random(4, 32, 5)) {
      pairs.add(
          new PreferenceExample(
              pair.pairId(),
              "a lighthouse in the rain, oil on canvas",
              pair.winner(),
              pair.loser(),
              1,
              0,
              Optional.empty()));
    }

    assertTwoStepsOnABundleMoveThePolicy(
        "../models/plain-denoiser",
        pairs,
        policy -> assertThat(policy.parameterCount()).isEqualTo(2796));
  }

  @Test
  void ipoTrainsWithTheSquaredLossOfTheSameMargins() {
    TrainerConfig config =
        TrainerConfig.defaults().withObjective(ObjectiveKind.IPO, 50).withLearningRate(1e-3);
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 11);
        PreferenceTrainer trainer = new PreferenceTrainer(config, model, manager)) {
      List<PreferenceExample> pairs = TinyPairs.random(4, SIZE, 9);
      float[] before = TinyPairs.flat(trainer.policy());

      StepResult first = trainer.step(pairs);

      // at the start policy = reference, every margin is 0 and IPO's loss is (0 − ½)² = ¼
      assertThat(first.loss()).isCloseTo(0.25, within(1e-6));
      assertThat(first.nonFinite()).isFalse();
      assertThat(TinyPairs.flat(trainer.policy())).isNotEqualTo(before);
    }
  }

  @Test
  void aLatentBundleTrainsOnRatedImagesEncodedToLatents() throws Exception {
    // rated images are 32×32 pixels; the denoiser works on 4×8×8 latents
    assertTwoStepsOnABundleMoveThePolicy(
        "../models/latent-denoiser",
        TinyPairs.random(4, 32, 5),
        policy -> assertThat(policy.geometry().height()).isEqualTo(8));
  }

  /**
   * Two steps on {@code pairs} with the TorchScript bundle in {@code bundleDir}: the first uses
   * every pair, the second stays finite and the policy moved; then {@code policyCheck} runs.
   */
  private void assertTwoStepsOnABundleMoveThePolicy(
      String bundleDir, List<PreferenceExample> pairs, Consumer<DiffusionModel> policyCheck)
      throws Exception {
    TrainerConfig config = TrainerConfig.defaults().withLearningRate(1e-2).withBeta(500);
    try (TorchScriptDiffusionModel bundle =
            TorchScriptDiffusionModel.load(java.nio.file.Path.of(bundleDir));
        PreferenceTrainer trainer = new PreferenceTrainer(config, bundle, manager)) {
      float[] before = TinyPairs.flat(trainer.policy());

      StepResult first = trainer.step(pairs);
      StepResult second = trainer.step(pairs);

      assertThat(first.pairsUsed()).isEqualTo(pairs.size());
      assertThat(second.nonFinite()).isFalse();
      assertThat(TinyPairs.flat(trainer.policy())).isNotEqualTo(before);
      policyCheck.accept(trainer.policy());
    }
  }

  @Test
  void theTrainerRunsOnTheScheduleInTheCheckpointsManifestNotTheDefault() {
    ScheduleConfig twenty = new ScheduleConfig(ScheduleKind.LINEAR, 20, 1e-3, 0.2);
    TrainerConfig config =
        TrainerConfig.defaults().withLearningRate(1e-3).withTimesteps(TimestepStrategyKind.PAPER);
    try (DiffusionModel model =
            ToyDiffusionModel.newInitialised(UNetConfig.tiny().withSchedule(twenty), 11);
        PreferenceTrainer trainer = new PreferenceTrainer(config, model, manager)) {
      assertThat(trainer.schedule().timesteps()).isEqualTo(20);
      assertThat(trainer.schedule().alphaBar(19)).isEqualTo(NoiseSchedule.of(twenty).alphaBar(19));

      StepResult result = trainer.step(TinyPairs.random(4, SIZE, 9));

      assertThat(result.nonFinite()).isFalse();
      assertThat(result.pairsUsed()).isEqualTo(4);
    }
  }

  @Test
  void oneD3poStepOnOnePairRaisesThatPairsMargin() {
    SamplerSettings settings = new SamplerSettings(4, 1.0, 1.0, TimestepSpacing.TRAILING, false);
    SamplingResult sampled;
    try (DdimSampler sampler = new DdimSampler(base)) {
      String prompt = TinyPairs.PROMPT;
      sampled =
          sampler.sample(
              new SampleRequest(List.of(prompt, prompt), new long[] {5, 6}, settings, true));
    }
    TrajectoryPair trajectories =
        new TrajectoryPair(
            sampled.trajectories()[0],
            sampled.trajectories()[1],
            sampled.timesteps(),
            sampled.previousTimesteps(),
            1.0,
            1.0,
            false,
            new double[0],
            new double[0],
            null);
    List<PreferenceExample> pair =
        List.of(
            new PreferenceExample(
                "d3po",
                TinyPairs.PROMPT,
                sampled.images().get(0),
                sampled.images().get(1),
                1,
                0,
                Optional.of(trajectories)));
    TrainerConfig config =
        TrainerConfig.defaults()
            .withObjective(ObjectiveKind.D3PO, 10)
            .withLearningRate(1e-3)
            .withD3po(new D3poConfig(0.1, 2));
    try (PreferenceTrainer trainer = new PreferenceTrainer(config, base, manager)) {
      StepResult result = trainer.step(pair);
      assertThat(result.pairsUsed()).isEqualTo(1);
      assertThat(result.meanMargin()).isZero();

      assertThat(marginAtFirstDraw(trainer, pair)).isPositive();
      // D3PO skips pairs without trajectories
      assertThat(trainer.step(TinyPairs.random(2, SIZE, 1)).pairsIgnored()).isEqualTo(2);
    }
  }

  @Test
  void alphaZeroReproducesAFrozenReferenceBitForBit() {
    TrainerConfig plain = TrainerConfig.defaults().withLearningRate(1e-3).withBeta(500);
    TrainerConfig alphaZero =
        plain.withReference(ReferenceUpdateConfig.defaults().withAlpha(0).withTau(1));
    TrainerConfig merging =
        plain.withReference(
            ReferenceUpdateConfig.defaults()
                .withAlpha(0.5)
                .withTau(1)
                .withGuard(false, GuardAction.FREEZE));
    try (PreferenceTrainer a = new PreferenceTrainer(plain, base, manager);
        PreferenceTrainer b = new PreferenceTrainer(alphaZero, base, manager);
        PreferenceTrainer c = new PreferenceTrainer(merging, base, manager)) {
      for (int step = 0; step < 3; step++) {
        List<PreferenceExample> batch = TinyPairs.random(2, SIZE, 100 + step);
        StepResult ra = a.step(batch);
        StepResult rb = b.step(batch);
        c.step(batch);
        assertThat(ra.merge()).isEmpty();
        assertThat(rb.merge()).hasValueSatisfying(e -> assertThat(e.alpha()).isZero());
        assertThat(rb.loss()).isEqualTo(ra.loss());
      }

      assertThat(TinyPairs.flat(b.policy())).containsExactly(TinyPairs.flat(a.policy()));
      assertThat(TinyPairs.flat(b.reference())).containsExactly(TinyPairs.flat(base));
      assertThat(TinyPairs.flat(a.reference())).containsExactly(TinyPairs.flat(base));
      assertThat(TinyPairs.flat(c.reference())).isNotEqualTo(TinyPairs.flat(base));
    }
  }

  /**
   * A hard copy's candidate is the policy itself, so its D to p_init is the lag measured against
   * the initial reference on the same draws; after the copy the policy has moved on, and the lag
   * grows again from zero.
   */
  @Test
  void theReferenceLagIsMeasuredOnTheSameDrawsAsTheDrift() {
    TrainerConfig hardCopy =
        TrainerConfig.defaults()
            .withLearningRate(1e-3)
            .withBeta(500)
            .withReference(
                ReferenceUpdateConfig.defaults()
                    .withAlpha(1)
                    .withTau(1)
                    .withGuard(false, GuardAction.FREEZE));
    try (PreferenceTrainer trainer = new PreferenceTrainer(hardCopy, base, manager)) {
      MergeEvent first = trainer.step(TinyPairs.random(2, SIZE, 40)).merge().orElseThrow();
      MergeEvent second = trainer.step(TinyPairs.random(2, SIZE, 41)).merge().orElseThrow();

      assertThat(first.lag()).isPositive().isEqualTo(first.drift());
      assertThat(second.lag()).isPositive().isNotEqualTo(second.drift());
    }
  }

  @Test
  void pairsWithZeroWeightOrTheWrongSizeAreIgnoredAndCounted() {
    List<PreferenceExample> good = TinyPairs.random(1, SIZE, 9);
    List<PreferenceExample> wrongSize = TinyPairs.random(1, SIZE * 2, 9);
    PreferenceExample g = good.get(0);
    PreferenceExample weightless =
        new PreferenceExample("w0", g.prompt(), g.winner(), g.loser(), 0, 0, Optional.empty());
    try (PreferenceTrainer trainer =
        new PreferenceTrainer(TrainerConfig.defaults(), base, manager)) {
      StepResult result = trainer.step(List.of(g, wrongSize.get(0), weightless));

      assertThat(result.pairsUsed()).isEqualTo(1);
      assertThat(result.pairsIgnored()).isEqualTo(2);
      assertThat(trainer.stepsTaken()).isEqualTo(1);
      assertThat(result.bins()).hasSize(10);
      assertThat(result.bins().stream().mapToLong(BinStats::count).sum()).isEqualTo(1);

      StepResult empty = trainer.step(List.of(weightless));
      assertThat(empty.pairsUsed()).isZero();
      assertThat(trainer.stepsTaken()).isEqualTo(1);
    }
  }

  /** The pair's margin at the (t, ε) the trainer's first step drew, under the current weights. */
  private static double marginAtFirstDraw(PreferenceTrainer trainer, List<PreferenceExample> pair) {
    TrainerConfig config = trainer.config();
    try (NDManager scope = trainer.policy().manager().newSubManager();
        ScheduleTensors tensors =
            new ScheduleTensors(NoiseSchedule.of(trainer.policy().schedule()), scope)) {
      PreferenceObjective objective =
          config.objective() == ObjectiveKind.D3PO
              ? new D3poObjective(tensors, config.beta(), config.d3po())
              : new DiffusionDpoObjective(tensors, config.beta());
      PairBatch batch = PairBatch.of(scope, trainer.policy(), pair);
      TimestepStrategy timesteps = new TimestepStrategy(config.timesteps(), tensors.schedule());
      return objective
          .losses(
              batch,
              trainer.policy()::predictNoise,
              trainer.reference()::predictNoise,
              timesteps,
              new SeedStreams(config.seed()).forStep(SeedStreams.OBJECTIVE, 0))
          .margins()
          .getFloat(0);
    }
  }
}
