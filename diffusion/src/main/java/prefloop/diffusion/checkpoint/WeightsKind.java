package prefloop.diffusion.checkpoint;

/** What a checkpoint's weights file holds. */
public enum WeightsKind {
  /** Every weight of the model (the toy UNet). */
  FULL,
  /** Only the trainable adapters of a model bundle; the frozen base stays in the bundle. */
  ADAPTER
}
