package prefloop.diffusion.checkpoint;

import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ToyDiffusionModel;

/**
 * A verified checkpoint: its manifest and the (frozen) model built from it. Closing it closes the
 * model.
 */
public record LoadedCheckpoint(CheckpointManifest manifest, DiffusionModel model)
    implements AutoCloseable {

  /** The model as the toy UNet, for tools that work only on it (pretraining, its benchmarks). */
  public ToyDiffusionModel toy() {
    if (model instanceof ToyDiffusionModel toy) {
      return toy;
    }
    throw new IllegalArgumentException(
        "this tool works on the toy UNet only, and the checkpoint holds adapters of a model bundle");
  }

  @Override
  public void close() {
    model.close();
  }
}
