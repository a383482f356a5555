package prefloop.learner.core;

import ai.djl.ndarray.NDArray;

/**
 * What an objective computed for a batch.
 *
 * @param inside the implicit reward margin per pair [P] (the argument of log σ), differentiable
 *     with respect to the policy
 * @param timesteps one representative timestep per pair (its first drawn t), for the per-bin
 *     statistics and weights
 */
public record PairMargins(NDArray inside, int[] timesteps) {}
