package prefloop.diffusion.sampler;

/**
 * Which S of the T training timesteps a DDIM sampler visits (diffusers' {@code timestep_spacing}).
 */
public enum TimestepSpacing {
  /** t_i = i·⌊T/S⌋, visited from the largest: e.g. T=1000, S=20 → 950, 900, …, 0. */
  LEADING,
  /**
   * t_i = round(T − i·T/S) − 1, i = 0..S−1: e.g. T=1000, S=20 → 999, 949, …, 49. Starts at the
   * noisiest step (Lin et al. 2024, "Common diffusion noise schedules are flawed"): the default.
   */
  TRAILING
}
