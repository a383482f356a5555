package prefloop.rater.fidelity;

/**
 * How a fidelity net turns its per-attribute head probabilities p_h(c_h) for a prompt c into one
 * score. Both average over the H = 5 heads; they differ in how much one confidently wrong head
 * weighs. The rater labels with {@link #LOG_PROBABILITY}; labelling with {@link #PROBABILITY} was
 * measured and did not pay (docs/ALIGNMENT.md §11), so it serves diagnostics only.
 */
public enum FidelityScore {
  /**
   * (1/H) Σ_h log p_h(c_h), in (−∞, 0]. Unbounded below: on generated images a head the base model
   * rarely gets right (shape, position) gives log-probabilities of −10 and less, and its swings
   * outweigh every other attribute. On 256 same-prompt pairs of base samples it preferred the image
   * the pixel rule prefers in 0.61 of the decisive pairs, and the correctly coloured one in only
   * 0.33 (docs/ALIGNMENT.md §11).
   */
  LOG_PROBABILITY,
  /**
   * (1/H) Σ_h p_h(c_h), in [0, 1]: the expected fraction of the prompt's attributes the image
   * shows. Each attribute moves the score by at most 1/H, so all five count. On the same pairs it
   * agreed with the pixel rule in 0.76 of the decisive pairs.
   */
  PROBABILITY
}
