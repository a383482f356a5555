package prefloop.diffusion.checkpoint;

import prefloop.diffusion.model.ToyDiffusionModel;

/**
 * A verified checkpoint: its manifest and the (frozen) model built from it. Closing it closes the
 * model.
 */
public record LoadedCheckpoint(CheckpointManifest manifest, ToyDiffusionModel model)
    implements AutoCloseable {

  @Override
  public void close() {
    model.close();
  }
}
