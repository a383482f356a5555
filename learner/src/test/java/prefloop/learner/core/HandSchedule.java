package prefloop.learner.core;

import prefloop.diffusion.schedule.NoiseSchedule;
import prefloop.diffusion.schedule.ScheduleConfig;
import prefloop.diffusion.schedule.ScheduleKind;

/**
 * A two-step schedule with round numbers for hand computations: β = (0.36, 0.4375), so ᾱ_0 = 0.64
 * (√ = 0.8, √(1−ᾱ) = 0.6) and ᾱ_1 = 0.36 (√ = 0.6, √(1−ᾱ) = 0.8).
 */
final class HandSchedule {

  private HandSchedule() {}

  static NoiseSchedule create() {
    return NoiseSchedule.of(new ScheduleConfig(ScheduleKind.LINEAR, 2, 0.36, 0.4375));
  }
}
