package prefloop.diffusion.sampler;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * How to sample.
 *
 * @param steps DDIM steps S (1..T)
 * @param eta η ≥ 0: 0 deterministic DDIM, &gt; 0 stochastic (log-probs need η &gt; 0)
 * @param guidanceScale classifier-free guidance w ≥ 0: ε = ε_u + w·(ε_c − ε_u); 1 = no guidance
 * @param spacing which timesteps are visited
 * @param clipSample clip x̂_0 to [−1, 1] at each step
 */
@RecordBuilder
public record SamplerSettings(
    int steps, double eta, double guidanceScale, TimestepSpacing spacing, boolean clipSample)
    implements SamplerSettingsBuilder.With {

  public SamplerSettings {
    if (steps < 1 || steps > 10_000) {
      throw new IllegalArgumentException(
          "SamplerSettings.steps = " + steps + " must be in 1..10000");
    }
    if (!(eta >= 0 && eta <= 10)) {
      throw new IllegalArgumentException("SamplerSettings.eta = " + eta + " must be in [0, 10]");
    }
    if (!(guidanceScale >= 0 && guidanceScale <= 100)) {
      throw new IllegalArgumentException(
          "SamplerSettings.guidanceScale = " + guidanceScale + " must be in [0, 100]");
    }
    if (spacing == null) {
      throw new IllegalArgumentException("SamplerSettings.spacing must be LEADING or TRAILING");
    }
  }

  /** 20 steps, η = 1 (stochastic, log-probs defined), guidance 2, trailing, clipped. */
  public static SamplerSettings defaults() {
    return new SamplerSettings(20, 1.0, 2.0, TimestepSpacing.TRAILING, true);
  }
}
