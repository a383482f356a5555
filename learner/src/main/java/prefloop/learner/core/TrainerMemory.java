package prefloop.learner.core;

/**
 * What the trainer learned about its own run beyond the weights and AdamW's moments, saved with
 * each policy checkpoint so that a restart or rollback resumes it: the drift guard's state and the
 * per-timestep-bin statistics (which drive the ADAPTIVE weights), and the factor a sentinel
 * rollback put on the learning rate.
 *
 * @param guard the drift guard's state
 * @param bins the running per-bin margin statistics
 * @param learningRateScale the configured learning rate's multiplier, in (0, 1]; a manifest written
 *     before it existed reads as 0 and means 1
 */
public record TrainerMemory(GuardState guard, BinStatistics.State bins, double learningRateScale) {

  public TrainerMemory {
    if (!(learningRateScale > 0)) {
      learningRateScale = 1;
    }
  }
}
