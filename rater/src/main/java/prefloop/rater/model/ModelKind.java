package prefloop.rater.model;

/** The kinds of reward model a rater can load from config. */
public enum ModelKind {
  /** Fidelity CNN; location = checkpoint directory (e.g. models/reward/fidelity). */
  FIDELITY,
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
