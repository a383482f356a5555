package prefloop.learner.core;

import static prefloop.learner.core.ConfigChecks.require;

/**
 * Timestep strategy settings (see {@link TimestepStrategy}).
 *
 * @param kind UNIFORM, PAPER or ADAPTIVE
 * @param bins B equal bins over [0, T), bin 0 the noisiest (statistics are kept for every kind)
 * @param gamma γ ∈ (0, 1] of the paper's Cat(γ^k) bin distribution
 * @param adaptiveWarmup samples every bin needs before adaptive weights leave 1
 * @param adaptiveEpsilon ε in w_k ∝ 1/√(Var_k + ε), &gt; 0
 * @param statsDecay ρ ∈ (0, 1) of the exponentially weighted per-bin margin mean/variance
 */
public record TimestepConfig(
    TimestepStrategyKind kind,
    int bins,
    double gamma,
    int adaptiveWarmup,
    double adaptiveEpsilon,
    double statsDecay) {

  public TimestepConfig {
    require(kind != null, "timesteps.kind", kind, "UNIFORM, PAPER or ADAPTIVE");
    require(bins >= 1 && bins <= 1000, "timesteps.bins", bins, "1..1000");
    require(gamma > 0 && gamma <= 1, "timesteps.gamma", gamma, "in (0, 1]");
    require(adaptiveWarmup >= 1, "timesteps.adaptiveWarmup", adaptiveWarmup, ">= 1");
    require(adaptiveEpsilon > 0, "timesteps.adaptiveEpsilon", adaptiveEpsilon, "> 0");
    require(statsDecay > 0 && statsDecay < 1, "timesteps.statsDecay", statsDecay, "in (0, 1)");
  }

  /** B = 10, γ = 0.9 (the paper), warm-up 20 samples per bin, ε = 1e-2, ρ = 0.98. */
  public static TimestepConfig of(TimestepStrategyKind kind) {
    return new TimestepConfig(kind, 10, 0.9, 20, 1e-2, 0.98);
  }
}
