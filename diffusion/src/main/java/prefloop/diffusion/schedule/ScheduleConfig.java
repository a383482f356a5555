package prefloop.diffusion.schedule;

/**
 * A noise schedule's definition.
 *
 * @param kind how β grows
 * @param timesteps T, the number of forward steps (t ∈ {0..T−1})
 * @param betaStart β_0 (linear kinds; ignored by cosine)
 * @param betaEnd β_{T−1} (linear kinds; ignored by cosine)
 */
public record ScheduleConfig(ScheduleKind kind, int timesteps, double betaStart, double betaEnd) {

  public ScheduleConfig {
    if (kind == null) {
      throw new IllegalArgumentException(
          "ScheduleConfig.kind must be one of LINEAR, SCALED_LINEAR, COSINE");
    }
    if (timesteps < 2 || timesteps > 100_000) {
      throw new IllegalArgumentException(
          "ScheduleConfig.timesteps = " + timesteps + " must be in 2..100000");
    }
    if (!(betaStart > 0 && betaStart <= betaEnd && betaEnd < 1)) {
      throw new IllegalArgumentException(
          "ScheduleConfig.betaStart/betaEnd = "
              + betaStart
              + "/"
              + betaEnd
              + " must satisfy 0 < betaStart <= betaEnd < 1");
    }
  }

  /** DDPM's linear schedule, T = 1000, β from 1e-4 to 0.02: the project default. */
  public static ScheduleConfig defaults() {
    return new ScheduleConfig(ScheduleKind.LINEAR, 1000, 1e-4, 0.02);
  }

  /** Stable Diffusion's scaled-linear schedule, T = 1000, β from 0.00085 to 0.012. */
  public static ScheduleConfig scaledLinear() {
    return new ScheduleConfig(ScheduleKind.SCALED_LINEAR, 1000, 0.00085, 0.012);
  }

  /** The cosine schedule with T = 1000. */
  public static ScheduleConfig cosine() {
    return new ScheduleConfig(ScheduleKind.COSINE, 1000, 1e-4, 0.02);
  }
}
