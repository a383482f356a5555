package prefloop.rater.fidelity;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import prefloop.diffusion.model.Scalars;
import prefloop.world.CorpusMix;
import prefloop.world.CorpusSample;
import prefloop.world.CorpusSampler;
import prefloop.world.Prompt;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptSplit;
import prefloop.world.RenderConfig;
import prefloop.world.Renderer;
import prefloop.world.RgbImage;

/**
 * Trains a fidelity net on renders of the training prompts, clean and degraded as the config's
 * {@link CorpusMix} mixes them. The loss is the mean over heads and images of the cross-entropy,
 * {@code L = −(1/(N·H)) Σ_i Σ_h log softmax(z_h(x_i))[c_ih]}: the negative of the fidelity score
 * itself, so training maximises the score of matching prompts. Adam with a cosine learning-rate
 * decay to 1/20 of the initial rate.
 */
public final class FidelityTrainer {
  private final FidelityTrainConfig config;

  public FidelityTrainer(FidelityTrainConfig config) {
    this.config = config;
  }

  /**
   * Trains a net, new or continued from the checkpoint {@code init} (null for new); {@code
   * progress} is told each finished step. The caller closes the model.
   */
  public FidelityModel train(String name, Path init, IntConsumer progress) {
    Engine.getInstance().setRandomSeed((int) config.seed());
    FidelityModel model =
        init == null
            ? FidelityModel.uninitialised(name, config.net())
            : FidelityModel.load(name, init);
    CorpusSampler corpus =
        new CorpusSampler(
            new PromptSplit(new PromptGrammar()).train(),
            new Renderer(RenderConfig.ofSize(config.net().imageSize())),
            config.mix(),
            config.seed());
    Optimizer adam =
        Optimizer.adam()
            .optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
            .build();
    DefaultTrainingConfig training = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(adam);
    try (Trainer trainer = model.djlModel().newTrainer(training)) {
      // keeps loaded parameters (DJL initialises only uninitialised ones) and attaches gradients
      trainer.initialize(FidelityNet.inputShape(config.net(), 1));
      for (int step = 0; step < config.steps(); step++) {
        step(model, trainer, corpus.next(config.batch()));
        progress.accept(step + 1);
      }
    }
    return model;
  }

  private static void step(FidelityModel model, Trainer trainer, List<CorpusSample> batch) {
    List<RgbImage> images = new ArrayList<>(batch.size());
    List<Prompt> prompts = new ArrayList<>(batch.size());
    for (CorpusSample sample : batch) {
      images.add(sample.image());
      prompts.add(sample.prompt());
    }
    try (NDManager scope = model.manager().newSubManager()) {
      NDArray x = FidelityModel.imageBatch(scope, images, model.config().imageSize());
      NDArray mask = FidelityModel.targetMasks(scope, prompts);
      try (GradientCollector collector = trainer.newGradientCollector()) {
        NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
        NDArray total = FidelityModel.headLogProbabilities(logits).mul(mask).sum().neg();
        NDArray loss =
            total.div(Scalars.like(total, (float) batch.size() * AttributeHeads.count()));
        collector.backward(loss);
        float value = loss.getFloat();
        if (!Float.isFinite(value)) {
          throw new IllegalStateException(
              "fidelity training diverged (loss " + value + "): lower --lr");
        }
      }
      trainer.step();
    }
  }
}
