package prefloop.rater.model;

/** The kinds of reward model a rater can load from config. */
public enum ModelKind {
  /**
   * Fidelity CNN scored by the mean log-probability of the prompt's attributes; location =
   * checkpoint directory (e.g. models/reward/fidelity).
   */
  FIDELITY,
  /**
   * The same CNN scored by the mean probability of the prompt's attributes (the expected fraction
   * it sees right), so that no single attribute outweighs the others ({@code FidelityScore}).
   */
  FIDELITY_PROB,
  /** Analytic aesthetic formula ({@code prefloop.rater.aesthetic.AestheticModel}). */
  AESTHETIC,
  /** Held-out analytic aesthetic formula ({@code HeldOutAestheticModel}). */
  AESTHETIC_HELDOUT,
  /** Any TorchScript file; location = path of the .pt file. */
  TORCHSCRIPT,
  /** HTTP JSON scorer; location = URL. */
  REMOTE,
  /** Hackable on purpose: mean brightness ({@code prefloop.rater.hackable.HackableModel}). */
  BRIGHTNESS,
  /** Hackable on purpose: mean saturation. */
  SATURATION,
  /** Hackable on purpose: closeness to one colour; location = rrggbb (default ff0000). */
  COLOUR
}
