package prefloop.learner.core;

import ai.djl.ndarray.NDArray;
import java.util.Optional;

/**
 * What an objective computed for a batch.
 *
 * @param inside the implicit reward margin per pair [P] (the argument of log σ), differentiable
 *     with respect to the policy
 * @param timesteps one representative timestep per pair (its first drawn t), for the per-bin
 *     statistics and weights
 * @param winnerLoss the policy's own denoising loss on each preferred image [P], in its output
 *     space, differentiable; empty when the objective does not compute it (D3PO)
 */
public record PairMargins(NDArray inside, int[] timesteps, Optional<NDArray> winnerLoss) {

  /** Margins without a winner loss. */
  public PairMargins(NDArray inside, int[] timesteps) {
    this(inside, timesteps, Optional.empty());
  }
}
