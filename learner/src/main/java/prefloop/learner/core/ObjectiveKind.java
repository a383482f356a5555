package prefloop.learner.core;

/** Which preference objective the trainer optimises. */
public enum ObjectiveKind {
  /** Diffusion-DPO (Wallace et al.): shared t and ε per pair, ε-MSE differences. */
  DIFFUSION_DPO,
  /** D3PO: per-step DDIM log-probability ratios over the pair's sampled trajectories. */
  D3PO,
  /** Diffusion-IPO: Diffusion-DPO's margin with IPO's squared loss, (m − ½)². */
  IPO
}
