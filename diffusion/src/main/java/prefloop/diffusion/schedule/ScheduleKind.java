package prefloop.diffusion.schedule;

/** How β_t grows with t. */
public enum ScheduleKind {
  /** DDPM (Ho et al.): β linear from betaStart to betaEnd. */
  LINEAR,
  /** Stable Diffusion: √β linear from √betaStart to √betaEnd, then squared. */
  SCALED_LINEAR,
  /**
   * Improved DDPM (Nichol &amp; Dhariwal): ᾱ_t ∝ cos²(((t/T)+s)/(1+s)·π/2), s = 0.008, β ≤ 0.999.
   */
  COSINE
}
