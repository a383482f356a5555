package prefloop.generator;

/** What kind of pair the generator samples, matched to the learner's objective. */
public enum GenerationMode {
  /**
   * Diffusion-DPO: deterministic DDIM (η = 0), the K images of a prompt (a pair, or a group the
   * rater reduces to best vs worst) from K independent seeds; no trajectory.
   */
  DPO_PAIR,
  /**
   * Trajectory objectives (D3PO): both images start from the same x_T and differ by the sampler's
   * step noise (η &gt; 0); the latents and per-step log-probs of both are attached. Pairs only.
   */
  TRAJECTORY
}
