package prefloop.learner.tools;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import prefloop.diffusion.model.AdamW;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.GradientGuard;

/**
 * Where a learner step's time goes (docs/learner/BENCH.md): the phases of a Diffusion-DPO step
 * timed one by one on {@code images} rows (2 per pair) of a trainer's policy and reference — the
 * policy forward (recording the graph), the reference forward, the backward pass, the gradient's
 * norm, the clipping and the AdamW update. The PyTorch peer prints the same phases ({@code
 * learner/bench/dpo_step.py --phases}).
 *
 * @param policyForward median milliseconds of each phase
 */
record StepPhases(
    double policyForward,
    double referenceForward,
    double backward,
    double norm,
    double clip,
    double optimizer) {

  /** Median of {@code repeats} timings of each phase (the optimiser at a negligible rate). */
  static StepPhases measure(
      DiffusionModel policy, DiffusionModel reference, NDManager manager, int images, int repeats) {
    double[][] millis = new double[6][repeats];
    try (AdamW adam = new AdamW(policy, AdamW.Settings.withDecay(0))) {
      for (int i = 0; i < repeats; i++) {
        try (NDManager scope = manager.newSubManager()) {
          NDArray x = scope.randomNormal(new Shape(images, 3, 32, 32));
          NDArray t = scope.full(new Shape(images), 500, DataType.INT32);
          NDArray tokens = scope.full(new Shape(images, 12), 5, DataType.INT32);
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            long started = System.nanoTime();
            NDArray loss = policy.predictNoise(x, t, tokens).square().mean();
            loss.getFloat();
            millis[0][i] = since(started);
            started = System.nanoTime();
            reference.predictNoise(x, t, tokens).square().mean().getFloat();
            millis[1][i] = since(started);
            started = System.nanoTime();
            collector.backward(loss);
            millis[2][i] = since(started);
          }
        }
        long started = System.nanoTime();
        GradientGuard.norm(policy.parameters());
        millis[3][i] = since(started);
        started = System.nanoTime();
        GradientGuard.clip(policy.parameters(), Double.MAX_VALUE, Double.MIN_VALUE);
        millis[4][i] = since(started);
        started = System.nanoTime();
        adam.step(1e-12);
        millis[5][i] = since(started);
      }
    }
    return new StepPhases(
        TrainerBenchMain.median(millis[0]),
        TrainerBenchMain.median(millis[1]),
        TrainerBenchMain.median(millis[2]),
        TrainerBenchMain.median(millis[3]),
        TrainerBenchMain.median(millis[4]),
        TrainerBenchMain.median(millis[5]));
  }

  private static double since(long started) {
    return (System.nanoTime() - started) / 1e6;
  }
}
