package prefloop.learner.core;

/**
 * What the trainer learned about its own run beyond the weights and AdamW's moments, saved with
 * each policy checkpoint so that a restart or rollback resumes it: the drift guard's state and the
 * per-timestep-bin statistics (which drive the ADAPTIVE weights).
 *
 * @param guard the drift guard's state
 * @param bins the running per-bin margin statistics
 */
public record TrainerMemory(GuardState guard, BinStatistics.State bins) {}
