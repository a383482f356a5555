package prefloop.learner.core;

/**
 * What the trainer learned about its own run beyond the weights and AdamW's moments, saved with
 * each policy checkpoint so that a restart or rollback resumes it: the drift guard's state and the
 * per-timestep-bin statistics (which drive the ADAPTIVE weights), and what sentinel rollbacks did
 * to the run: the factors on the learning rate and on β, and whether training is paused.
 *
 * @param guard the drift guard's state
 * @param bins the running per-bin margin statistics
 * @param learningRateScale the configured learning rate's multiplier, in (0, 1]; a manifest written
 *     before it existed reads as 0 and means 1
 * @param betaScale the configured β's multiplier, >= 1; 0 (a manifest written before it existed)
 *     means 1
 * @param paused training is paused until a person resumes it (a rollback asked for it); a restart
 *     stays paused
 */
public record TrainerMemory(
    GuardState guard,
    BinStatistics.State bins,
    double learningRateScale,
    double betaScale,
    boolean paused) {

  public TrainerMemory {
    if (!(learningRateScale > 0)) {
      learningRateScale = 1;
    }
    if (!(betaScale > 0)) {
      betaScale = 1;
    }
  }
}
