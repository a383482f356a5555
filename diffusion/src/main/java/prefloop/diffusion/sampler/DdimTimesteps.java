package prefloop.diffusion.sampler;

/** The timesteps a DDIM sampler visits, noisiest first, and the step that follows each. */
public final class DdimTimesteps {

  private DdimTimesteps() {}

  /**
   * S timesteps out of T in visiting order (descending), as diffusers' DDIMScheduler computes them
   * with {@code steps_offset = 0}.
   */
  public static int[] of(int trainTimesteps, int steps, TimestepSpacing spacing) {
    if (steps < 1 || steps > trainTimesteps) {
      throw new IllegalArgumentException(
          "sampler steps = " + steps + " must be in 1.." + trainTimesteps + " (the schedule's T)");
    }
    int[] result = new int[steps];
    switch (spacing) {
      case LEADING -> {
        int ratio = trainTimesteps / steps;
        for (int i = 0; i < steps; i++) {
          result[i] = (steps - 1 - i) * ratio;
        }
      }
      case TRAILING -> {
        double ratio = (double) trainTimesteps / steps;
        for (int i = 0; i < steps; i++) {
          result[i] = (int) Math.round(trainTimesteps - i * ratio) - 1;
        }
      }
    }
    return result;
  }

  /**
   * The timestep after each visited one: t_prev = t − ⌊T/S⌋ as in diffusers, −1 meaning "after the
   * last step" (ᾱ_prev = ᾱ_0).
   */
  public static int[] previous(int trainTimesteps, int[] timesteps) {
    int ratio = trainTimesteps / timesteps.length;
    int[] result = new int[timesteps.length];
    for (int i = 0; i < timesteps.length; i++) {
      result[i] = Math.max(-1, timesteps[i] - ratio);
    }
    return result;
  }
}
