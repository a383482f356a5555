package prefloop.learner.core;

import prefloop.diffusion.schedule.ScheduleTensors;

/**
 * What the trajectory objectives (D3PO, DPOK) share: the pairs' sampled steps, their β and their
 * settings (steps drawn per pair, the ratio's clip). They train only pairs that carry trajectories.
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
}
