package prefloop.learner.core;

import java.util.SplittableRandom;

/**
 * A pairwise preference objective: per pair a loss (and the implicit reward margin it judges). The
 * trainer weights and averages the losses, adds the anchor, steps the optimiser and updates the
 * reference; timestep strategies reach the objective only through {@link TimestepSource}.
 */
public interface PreferenceObjective {

  /**
   * The losses and margins of {@code batch}. Runs inside the trainer's gradient collector: the
   * policy's forward passes record gradients, the reference's (frozen) do not.
   *
   * @param batch the pairs, in one step scope (results go there too)
   * @param policy ε̂_θ
   * @param reference ε̂_ref
   * @param timesteps where timesteps and λ(t) come from
   * @param random this step's stream for noise (and anything else random)
   */
  PairLosses losses(
      PairBatch batch,
      NoisePredictor policy,
      NoisePredictor reference,
      TimestepSource timesteps,
      SplittableRandom random);

  /** Whether a pair can be trained by this objective (e.g. D3PO needs its trajectories). */
  default boolean accepts(PreferenceExample example) {
    return true;
  }
}
