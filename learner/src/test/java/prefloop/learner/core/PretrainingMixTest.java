package prefloop.learner.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;
import prefloop.diffusion.pretrain.DenoisingBatch;
import prefloop.diffusion.pretrain.DenoisingLoss;
import prefloop.diffusion.pretrain.PretrainConfig;
import prefloop.diffusion.schedule.NoiseSchedule;
import prefloop.diffusion.schedule.ScheduleTensors;
import prefloop.world.CorpusSample;
import prefloop.world.CorpusSampler;

class PretrainingMixTest {

  private static final int SIZE = UNetConfig.tiny().imageSize();
  private static final long SEED = 20261124L;

  // JUnit makes a new instance, so a new model, for each test
  private final NDManager manager = NDManager.newBaseManager();
  private final DiffusionModel base = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 11);

  @AfterEach
  void closeModels() {
    base.close();
    manager.close();
  }

  @Test
  void theTermIsLambdaTimesThePretrainingLossOnTheStepsSliceOfTheCorpus() {
    NoiseSchedule schedule = NoiseSchedule.of(base.schedule());
    try (NDManager scope = manager.newSubManager();
        ScheduleTensors tensors = new ScheduleTensors(schedule, scope)) {
      PretrainingMix mix = PretrainingMix.of(tensors, 30, base, SEED);

      float term = mix.term(scope, base, 3, 4, new SplittableRandom(7)).getFloat();

      // step 3 of 4 pairs a step takes corpus samples 12..15, with the pretraining's dropout
      DenoisingBatch batch =
          DenoisingBatch.of(
              scope,
              base,
              corpusSamples(12, 16),
              schedule.timesteps(),
              PretrainConfig.defaults().promptDropout(),
              new SplittableRandom(7));
      float loss =
          DenoisingLoss.of(base, tensors, batch.x0(), batch.tokens(), batch.t(), batch.noise())
              .getFloat();
      assertThat(loss).isPositive();
      assertThat((double) term).isCloseTo(30.0 * loss, within(1e-4 * term));
    }
  }

  @Test
  void aStrongMixPullsThePolicyTowardItsPretrainingCorpusAndRepeatsExactly() {
    TrainerConfig plain = TrainerConfig.defaults().withLearningRate(1e-3).withBeta(500);
    TrainerConfig mixed = plain.withPretrainMix(1000);
    List<PreferenceExample> pairs = TinyPairs.random(4, SIZE, 5);
    try (PreferenceTrainer withoutMix = new PreferenceTrainer(plain, base, manager);
        PreferenceTrainer withMix = new PreferenceTrainer(mixed, base, manager);
        PreferenceTrainer again = new PreferenceTrainer(mixed, base, manager)) {
      double before = corpusLoss(base);
      for (int step = 0; step < 10; step++) {
        withoutMix.step(pairs);
        StepResult first = withMix.step(pairs);
        StepResult second = again.step(pairs);
        assertThat(second.loss()).isEqualTo(first.loss());
      }

      assertThat(corpusLoss(withMix.policy())).isLessThan(corpusLoss(withoutMix.policy()));
      assertThat(corpusLoss(withMix.policy())).isLessThan(before);
      assertThat(TinyPairs.flat(again.policy())).isEqualTo(TinyPairs.flat(withMix.policy()));
    }
  }

  /**
   * The pretraining loss on 32 renders the trainers never drew (another corpus seed), fixed t, ε.
   */
  private double corpusLoss(DiffusionModel model) {
    try (NDManager scope = manager.newSubManager();
        ScheduleTensors tensors = new ScheduleTensors(NoiseSchedule.of(model.schedule()), scope)) {
      return PretrainingMix.of(tensors, 1, model, 99)
          .term(scope, model, 0, 32, new SplittableRandom(3))
          .getFloat();
    }
  }

  /** Samples [from, to) of the corpus the trainer's seed draws from. */
  private static List<CorpusSample> corpusSamples(int from, int to) {
    CorpusSampler sampler = CorpusSampler.pretraining(SIZE, SEED);
    List<CorpusSample> samples = new ArrayList<>();
    for (int i = from; i < to; i++) {
      samples.add(sampler.get(i));
    }
    return samples;
  }
}
