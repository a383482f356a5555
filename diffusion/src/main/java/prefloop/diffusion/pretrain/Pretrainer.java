package prefloop.diffusion.pretrain;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.CheckpointMetadata;
import prefloop.diffusion.checkpoint.CheckpointWriter;
import prefloop.diffusion.checkpoint.CorruptCheckpointException;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.diffusion.model.GradientGuard;
import prefloop.diffusion.model.GradientUpdate;
import prefloop.diffusion.model.ParameterAverage;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.diffusion.schedule.NoiseSchedule;
import prefloop.diffusion.schedule.ScheduleTensors;
import prefloop.world.CorpusSampler;

/**
 * Pretrains the base model on the world's mixed-quality corpus with the denoising loss, AdamW and
 * an EMA of the weights. Output directory: the EMA checkpoint at its root (what is shipped), {@code
 * train-state/} the raw weights (for resuming), {@code samples/} PNG grids.
 *
 * <p>Resuming restores raw and EMA weights, the step and the corpus position; the AdamW moments are
 * not restored (DJL 0.36 cannot serialise optimiser state), so a resumed run re-warms them.
 */
public final class Pretrainer {

  private static final Logger LOG = LoggerFactory.getLogger(Pretrainer.class);
  static final String TRAIN_STATE = "train-state";
  static final String SAMPLES = "samples";

  private final PretrainConfig config;
  private final Path out;
  private static final int MAX_SKIPPED_IN_A_ROW = 20;

  private final NoiseSchedule schedule;
  private int skippedInARow;
  private final CheckpointWriter writer = new CheckpointWriter();

  public Pretrainer(PretrainConfig config, Path out) {
    this.config = config;
    this.out = out;
    this.schedule = NoiseSchedule.of(config.schedule());
  }

  /** Result of a run. */
  public record Outcome(int steps, double finalLoss, double seconds, Path checkpoint) {}

  /** Trains (from scratch, or from {@code out} when {@code resume}) and writes checkpoints. */
  public Outcome run(boolean resume) throws IOException, CorruptCheckpointException {
    long started = System.nanoTime();
    try (TrainingState state = resume ? resumeState() : freshState()) {
      ToyDiffusionModel model = state.model;
      model.setTrainable(true);
      StepLearningRate learningRate =
          new StepLearningRate(
              config.learningRate(), config.warmupSteps(), config.steps(), state.step);
      Optimizer optimizer =
          Optimizer.adamW()
              .optLearningRateTracker(learningRate)
              .optWeightDecays((float) config.weightDecay())
              .build();
      CorpusSampler corpus =
          CorpusSampler.pretraining(config.architecture().imageSize(), config.seed());
      corpus.seek((long) state.step * config.batch());
      SampleGridWriter grids = new SampleGridWriter(config.seed(), SamplerSettings.defaults());
      LOG.info(
          "pretraining {} parameters from step {} to {}: {}",
          model.parameterCount(),
          state.step,
          config.steps(),
          config);
      double smoothed = Double.NaN;
      try (ScheduleTensors tensors = new ScheduleTensors(schedule, model.manager());
          ProgressBar bar = progressBar(state.step)) {
        while (state.step < config.steps() && !budgetSpent(started)) {
          learningRate.setStep(state.step);
          double loss = trainStep(model, optimizer, tensors, corpus, state.step);
          if (!Double.isNaN(loss)) {
            smoothed = Double.isNaN(smoothed) ? loss : 0.98 * smoothed + 0.02 * loss;
          }
          double decay = Math.min(config.emaDecay(), (1.0 + state.step) / (10.0 + state.step));
          ParameterAverage.mergeInto(state.ema, model, 1 - decay);
          state.step++;
          state.loss = smoothed;
          bar.stepTo(state.step);
          bar.setExtraMessage(String.format("loss %.4f", smoothed));
          if (state.step % 100 == 0) {
            LOG.info(
                "step {} loss {} lr {}",
                state.step,
                String.format("%.4f", smoothed),
                String.format("%.2e", learningRate.at(state.step)));
          }
          if (state.step % config.checkpointEvery() == 0) {
            save(state, seconds(started));
          }
          if (config.sampleEvery() > 0 && state.step % config.sampleEvery() == 0) {
            writeGrid(grids, state);
          }
        }
      }
      save(state, seconds(started));
      writeGrid(grids, state);
      return new Outcome(state.step, state.loss, seconds(started), out);
    }
  }

  private double trainStep(
      ToyDiffusionModel model,
      Optimizer optimizer,
      ScheduleTensors tensors,
      CorpusSampler corpus,
      int step) {
    SplittableRandom random =
        new SplittableRandom(config.seed() ^ (0x9E3779B97F4A7C15L * (step + 1L)));
    try (NDManager scope = model.manager().newSubManager()) {
      DenoisingBatch batch =
          DenoisingBatch.of(
              scope,
              model,
              corpus.next(config.batch()),
              schedule.timesteps(),
              config.promptDropout(),
              random);
      float loss;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray value =
            DenoisingLoss.of(model, tensors, batch.x0(), batch.tokens(), batch.t(), batch.noise());
        collector.backward(value);
        loss = value.getFloat();
      }
      List<Parameter> parameters = model.parameters();
      double norm = Float.isFinite(loss) ? GradientGuard.norm(parameters) : Double.NaN;
      if (!Double.isFinite(norm)) {
        GradientGuard.zero(parameters);
        skippedInARow++;
        LOG.warn("step {}: loss {} / gradient norm {} not finite, step skipped", step, loss, norm);
        if (skippedInARow >= MAX_SKIPPED_IN_A_ROW) {
          throw new IllegalStateException(
              "pretraining diverged at step "
                  + step
                  + " ("
                  + skippedInARow
                  + " non-finite steps in a row): lower --lr, then --resume from the last"
                  + " checkpoint");
        }
        return Double.NaN;
      }
      skippedInARow = 0;
      GradientGuard.clip(parameters, norm, config.gradientClip());
      GradientUpdate.apply(model, optimizer);
      return loss;
    }
  }

  private boolean budgetSpent(long started) {
    return config.minutes() > 0 && seconds(started) >= config.minutes() * 60;
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  private ProgressBar progressBar(int start) {
    return new ProgressBarBuilder()
        .setTaskName("pretrain")
        .setInitialMax(config.steps())
        .startsFrom(start, java.time.Duration.ZERO)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(2000)
        .showSpeed()
        .setUnit(" steps", 1)
        .build();
  }

  private void save(TrainingState state, double seconds) throws IOException {
    Map<String, String> extra = new HashMap<>();
    extra.put("loss", String.format("%.5f", state.loss));
    extra.put("schedule", config.schedule().toString());
    extra.put("pretrain", config.toString());
    extra.put("wallSeconds", String.format("%.0f", seconds));
    extra.put("weights", "EMA");
    CheckpointMetadata ema =
        new CheckpointMetadata("base", state.step, -1, state.step, config.seed(), Map.of(), extra);
    writer.write(state.ema, ema, out);
    extra.put("weights", "raw");
    CheckpointMetadata raw =
        new CheckpointMetadata(
            "pretrain-raw", state.step, -1, state.step, config.seed(), Map.of(), extra);
    state.model.setTrainable(false);
    writer.write(state.model, raw, out.resolve(TRAIN_STATE));
    state.model.setTrainable(true);
  }

  private void writeGrid(SampleGridWriter grids, TrainingState state) throws IOException {
    Path file = out.resolve(SAMPLES).resolve(String.format("step-%06d.png", state.step));
    grids.write(state.ema, file);
    LOG.info("sample grid {}", file);
  }

  private TrainingState freshState() {
    ToyDiffusionModel model =
        ToyDiffusionModel.newInitialised(config.architecture(), config.seed());
    return new TrainingState(model, model.duplicate(), 0);
  }

  private TrainingState resumeState() throws CorruptCheckpointException {
    Path raw = out.resolve(TRAIN_STATE);
    if (!Files.exists(raw.resolve("manifest.json"))) {
      LOG.info("nothing to resume in {}: starting fresh", out);
      return freshState();
    }
    CheckpointLoader loader = new CheckpointLoader();
    LoadedCheckpoint trained = loader.load(raw);
    LoadedCheckpoint averaged = loader.load(out);
    if (!trained.toy().config().equals(config.architecture())) {
      trained.close();
      averaged.close();
      throw new IllegalArgumentException(
          "cannot resume: " + out + " holds another architecture (" + trained.toy().config() + ")");
    }
    LOG.info("resuming from step {}", trained.manifest().learnerStep());
    return new TrainingState(
        trained.toy(), averaged.toy(), Math.toIntExact(trained.manifest().learnerStep()));
  }

  /** The models and counters of a run. */
  private static final class TrainingState implements AutoCloseable {
    final ToyDiffusionModel model;
    final ToyDiffusionModel ema;
    int step;
    double loss = Double.NaN;

    TrainingState(ToyDiffusionModel model, ToyDiffusionModel ema, int step) {
      this.model = model;
      this.ema = ema;
      this.step = step;
    }

    @Override
    public void close() {
      model.close();
      ema.close();
    }
  }
}
