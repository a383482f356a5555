package prefloop.learner.core;

/** How training timesteps are drawn and weighted (see {@link TimestepStrategy}). */
public enum TimestepStrategyKind {
  /** t ~ U{0..T−1}, λ = 1, weight 1 (plain Diffusion-DPO). */
  UNIFORM,
  /** The paper's: bin k ~ Cat(γ^k) from the noisiest, t uniform in the bin, β scaled by λ(t). */
  PAPER,
  /** Our extension: uniform t, per-bin loss weights ∝ 1/√(Var_k + ε) of the margin, mean 1. */
  ADAPTIVE
}
