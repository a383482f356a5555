package prefloop.learner.core;

import ai.djl.ndarray.NDArray;

/**
 * What an objective computed for a batch.
 *
 * @param losses the loss of each pair [P], differentiable with respect to the policy; the trainer
 *     weights and averages them
 * @param margins the implicit reward margin of each pair [P]: positive when the policy prefers the
 *     preferred image more than the reference does (implicit accuracy, per-bin statistics)
 * @param timesteps one representative timestep per pair (its first drawn t), for the per-bin
 *     statistics and weights
 */
public record PairLosses(NDArray losses, NDArray margins, int[] timesteps) {}
