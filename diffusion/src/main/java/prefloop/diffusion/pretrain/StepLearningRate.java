package prefloop.diffusion.pretrain;

import ai.djl.training.tracker.ParameterTracker;

/**
 * Learning rate as a function of the global step (not DJL's per-parameter update count, which
 * restarts on resume): linear warm-up to the peak, then cosine decay to 10% of it at the last step.
 * A resumed run (fresh AdamW moments) is warmed up again from its first step: without that, the
 * first updates with empty second-moment estimates diverged (NaN at step 1510 of the base run).
 */
final class StepLearningRate implements ParameterTracker {

  private final double peak;
  private final int warmup;
  private final int total;
  private final int resumedAt;
  private int step;

  StepLearningRate(double peak, int warmup, int total, int resumedAt) {
    this.peak = peak;
    this.warmup = warmup;
    this.total = total;
    this.resumedAt = resumedAt;
  }

  void setStep(int step) {
    this.step = step;
  }

  double at(int s) {
    if (resumedAt > 0 && s < resumedAt + warmup) {
      return scheduled(s) * (s - resumedAt + 1) / warmup;
    }
    return scheduled(s);
  }

  private double scheduled(int s) {
    if (s < warmup) {
      return peak * (s + 1) / warmup;
    }
    double progress = Math.min(1.0, (s - warmup) / (double) Math.max(1, total - warmup));
    return peak * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress)));
  }

  @Override
  public float getNewValue(String parameterId, int numUpdate) {
    return (float) at(step);
  }
}
