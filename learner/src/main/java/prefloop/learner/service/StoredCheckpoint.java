package prefloop.learner.service;

import java.nio.file.Path;
import prefloop.diffusion.checkpoint.CheckpointManifest;
import prefloop.schemas.avro.ModelRole;

/**
 * A checkpoint in the store.
 *
 * @param role policy or reference
 * @param name its directory name, e.g. {@code policy-v000003} (also its path under /checkpoints/)
 * @param directory where it lies
 * @param manifest its manifest
 */
public record StoredCheckpoint(
    ModelRole role, String name, Path directory, CheckpointManifest manifest) {

  public long version() {
    return manifest.version();
  }
}
