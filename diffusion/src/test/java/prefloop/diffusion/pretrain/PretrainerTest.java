package prefloop.diffusion.pretrain;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.diffusion.model.Prediction;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;
import prefloop.diffusion.schedule.NoiseSchedule;
import prefloop.diffusion.schedule.ScheduleConfig;
import prefloop.diffusion.schedule.ScheduleTensors;
import prefloop.world.CorpusMix;
import prefloop.world.CorpusSampler;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptSplit;
import prefloop.world.RenderConfig;
import prefloop.world.Renderer;

class PretrainerTest {

  private static final long SEED = 17;

  @TempDir Path out;

  @ParameterizedTest
  @EnumSource(Prediction.class)
  void twoHundredStepsOnTheTinyConfigLowerTheDenoisingLossAndWriteCheckpoints(Prediction output)
      throws Exception {
    UNetConfig architecture = UNetConfig.tiny().withPrediction(output);
    PretrainConfig config =
        new PretrainConfig(
            architecture,
            ScheduleConfig.defaults(),
            200,
            8,
            SEED,
            3e-3,
            20,
            0.0,
            1.0,
            0.1,
            0.9,
            0,
            1000,
            0);
    Pretrainer.Outcome outcome = new Pretrainer(config, out).run(false);
    assertThat(outcome.steps()).isEqualTo(200);
    assertThat(out.resolve("manifest.json")).exists();
    assertThat(out.resolve("samples/step-000200.png")).exists();

    try (ToyDiffusionModel initial = ToyDiffusionModel.newInitialised(architecture, SEED);
        LoadedCheckpoint trained = new CheckpointLoader().load(out.resolve("train-state"))) {
      double before = heldBatchLoss(initial);
      double after = heldBatchLoss(trained.toy());
      // The v loss keeps an irreducible part (x_0's spread given the prompt at high noise).
      assertThat(after).isLessThan((output == Prediction.EPSILON ? 0.7 : 0.85) * before);
    }
    assertThat(Files.list(out.resolve("samples"))).isNotEmpty();
  }

  /** The denoising loss on a fixed batch of 64 corpus images that training never saw. */
  private static double heldBatchLoss(ToyDiffusionModel model) {
    CorpusSampler corpus =
        new CorpusSampler(
            new PromptSplit(new PromptGrammar()).heldOut(),
            new Renderer(RenderConfig.ofSize(8)),
            CorpusMix.defaults(),
            99);
    NoiseSchedule schedule = NoiseSchedule.defaults();
    try (NDManager scope = model.manager().newSubManager();
        ScheduleTensors tensors = new ScheduleTensors(schedule, scope)) {
      DenoisingBatch batch =
          DenoisingBatch.of(
              scope, model, corpus.next(64), schedule.timesteps(), 0.0, new SplittableRandom(5));
      return DenoisingLoss.of(model, tensors, batch.x0(), batch.tokens(), batch.t(), batch.noise())
          .getFloat();
    }
  }
}
