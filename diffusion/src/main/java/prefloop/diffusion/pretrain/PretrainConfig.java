package prefloop.diffusion.pretrain;

import prefloop.diffusion.model.UNetConfig;
import prefloop.diffusion.schedule.ScheduleConfig;

/**
 * Pretraining settings.
 *
 * @param architecture the UNet
 * @param schedule the noise schedule; must be the architecture's, which the manifest records and
 *     every sampler and learner reads
 * @param steps optimiser steps in total (a resumed run continues to this count)
 * @param batch images per step
 * @param seed root seed: initial weights, corpus stream, timesteps, noise, prompt dropout
 * @param learningRate peak AdamW learning rate (linear warm-up, then cosine to 10%)
 * @param warmupSteps warm-up length
 * @param weightDecay AdamW decoupled weight decay
 * @param gradientClip global gradient-norm bound (0 = no clipping)
 * @param promptDropout probability of training on the EMPTY prompt (for guidance)
 * @param emaDecay maximum EMA decay of the shipped weights
 * @param sampleEvery steps between sample grids (0 = only at the end)
 * @param checkpointEvery steps between checkpoints
 * @param minutes wall-clock budget; the run stops and saves when it is spent (0 = none)
 */
public record PretrainConfig(
    UNetConfig architecture,
    ScheduleConfig schedule,
    int steps,
    int batch,
    long seed,
    double learningRate,
    int warmupSteps,
    double weightDecay,
    double gradientClip,
    double promptDropout,
    double emaDecay,
    int sampleEvery,
    int checkpointEvery,
    double minutes) {

  public PretrainConfig {
    check(steps >= 1, "steps", steps, ">= 1");
    check(batch >= 1 && batch <= 4096, "batch", batch, "1..4096");
    check(learningRate > 0 && learningRate < 1, "learningRate", learningRate, "(0, 1)");
    check(warmupSteps >= 0, "warmupSteps", warmupSteps, ">= 0");
    check(weightDecay >= 0 && weightDecay < 1, "weightDecay", weightDecay, "[0, 1)");
    check(gradientClip >= 0, "gradientClip", gradientClip, ">= 0");
    check(promptDropout >= 0 && promptDropout < 1, "promptDropout", promptDropout, "[0, 1)");
    check(emaDecay >= 0 && emaDecay < 1, "emaDecay", emaDecay, "[0, 1)");
    check(sampleEvery >= 0, "sampleEvery", sampleEvery, ">= 0");
    check(checkpointEvery >= 1, "checkpointEvery", checkpointEvery, ">= 1");
    check(minutes >= 0, "minutes", minutes, ">= 0");
    check(
        architecture.schedule().equals(schedule),
        "schedule",
        schedule,
        "the architecture's own (" + architecture.schedule() + "): set UNetConfig.schedule");
  }

  /** Defaults for the shipped base model. */
  public static PretrainConfig defaults() {
    return new PretrainConfig(
        UNetConfig.defaults(),
        ScheduleConfig.defaults(),
        4000,
        64,
        20261124L,
        2e-3,
        200,
        0.01,
        1.0,
        0.1,
        0.999,
        500,
        250,
        0);
  }

  private static void check(boolean ok, String key, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(
          "PretrainConfig." + key + " = " + value + " is invalid: must be " + allowed);
    }
  }
}
