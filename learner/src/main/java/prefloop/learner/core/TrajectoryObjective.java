package prefloop.learner.core;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;
import prefloop.diffusion.schedule.ScheduleTensors;

/**
 * What the trajectory objectives (D3PO, DPOK) share: the pairs' sampled steps, their β and their
 * settings (steps drawn per pair, the ratio's clip). They train only pairs that carry trajectories,
 * each on K steps drawn from its trajectories.
 */
abstract class TrajectoryObjective implements PreferenceObjective {
  final TrajectorySteps steps;
  final double beta;
  final D3poConfig config;

  /**
   * @param mayClip false for a latent model: its sampler never clips (see {@code
   *     DiffusionModel.clipsToImageRange}), whatever the pair's sampler settings say
   */
  TrajectoryObjective(ScheduleTensors schedule, double beta, D3poConfig config, boolean mayClip) {
    this.steps = new TrajectorySteps(schedule, mayClip);
    this.beta = beta;
    this.config = config;
  }

  @Override
  public boolean accepts(PreferenceExample example) {
    return example.trajectories().isPresent();
  }

  /** One pair's loss, and its margin for implicit accuracy. */
  record PairLoss(NDArray loss, NDArray margin) {}

  /**
   * Pair {@code i}'s loss on its drawn steps.
   *
   * @param drawn the K trajectory step indices drawn for the pair
   * @param weights λ(t_j) of each drawn step
   */
  abstract PairLoss pairLoss(
      PairBatch batch,
      int i,
      int[] drawn,
      double[] weights,
      NoisePredictor policy,
      NoisePredictor reference);

  @Override
  public final PairLosses losses(
      PairBatch batch,
      NoisePredictor policy,
      NoisePredictor reference,
      TimestepSource timesteps,
      SplittableRandom random) {
    TrajectorySteps.Draws draws =
        TrajectorySteps.draw(batch, config.stepsPerPair(), timesteps, random);
    NDArray[] losses = new NDArray[batch.size()];
    NDArray[] margins = new NDArray[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      PairLoss pair = pairLoss(batch, i, draws.steps()[i], draws.weights()[i], policy, reference);
      losses[i] = pair.loss();
      margins[i] = pair.margin();
    }
    return new PairLosses(
        NDArrays.stackScalars(losses), NDArrays.stackScalars(margins), draws.first());
  }
}
