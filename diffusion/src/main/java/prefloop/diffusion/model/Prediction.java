package prefloop.diffusion.model;

/**
 * What the UNet's output means. Every consumer sees ε̂ through {@link DiffusionModel#predictNoise};
 * the choice only changes what the network itself is trained to emit.
 *
 * <pre>
 *   x_t = √ᾱ_t·x_0 + √(1−ᾱ_t)·ε
 *   EPSILON:  output = ε̂
 *   V:        output = v̂ ≈ √ᾱ_t·ε − √(1−ᾱ_t)·x_0     (Salimans &amp; Ho 2022)
 *             ε̂ = √ᾱ_t·v̂ + √(1−ᾱ_t)·x_t
 * </pre>
 *
 * Why V is the default: with the linear schedule ᾱ_T ≈ 4·10⁻⁵, so at the first sampling steps an
 * ε-network must predict x_0 through (x_t − √(1−ᾱ)·ε̂)/√ᾱ, which multiplies its error by ~150; the
 * global colour (the background) then comes from that error, not from the prompt. A v-network
 * predicts −x_0 directly there (Lin et al. 2024, "Common diffusion noise schedules and sample steps
 * are flawed").
 */
public enum Prediction {
  EPSILON,
  V
}
