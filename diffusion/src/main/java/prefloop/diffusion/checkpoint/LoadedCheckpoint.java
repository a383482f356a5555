package prefloop.diffusion.checkpoint;

import prefloop.diffusion.model.DiffusionModel;

/**
 * A verified checkpoint: its manifest and the (frozen) model built from it. Closing it closes the
 * model.
 */
public record LoadedCheckpoint(CheckpointManifest manifest, DiffusionModel model)
    implements AutoCloseable {

  @Override
  public void close() {
    model.close();
  }
}
