package prefloop.learner.core;

/** Which preference objective the trainer optimises. */
public enum ObjectiveKind {
  /** Diffusion-DPO (Wallace et al.): shared t and ε per pair, ε-MSE differences. */
  DIFFUSION_DPO,
  /** D3PO: per-step DDIM log-probability ratios over the pair's sampled trajectories. */
  D3PO,
  /** Diffusion-IPO: Diffusion-DPO's margin with IPO's squared loss, (m − ½)². */
  IPO,
  /**
   * DPOK: a KL-regularised policy gradient over the pair's sampled trajectories (rewards 1 and 0,
   * per-prompt baseline ½, clipped importance ratio to the sampling policy, KL to the reference).
   */
  DPOK;

  /** Whether the objective trains on the pairs' sampled trajectories. */
  public boolean needsTrajectories() {
    return this == D3PO || this == DPOK;
  }
}
