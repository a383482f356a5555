package prefloop.generator.model;

import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.CheckpointManifest;
import prefloop.diffusion.checkpoint.CorruptCheckpointException;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.diffusion.model.SampleGeometry;
import prefloop.generator.sampling.ServingModel;
import prefloop.schemas.avro.ModelUpdate;

/**
 * Fetches and verifies a checkpoint: the diffusion module's loader checks the weights against the
 * manifest (size, sha256, architecture); here the manifest's weights hash and size must also match
 * the ModelUpdate (so a swapped manifest is caught too), and the image geometry must match the
 * model being served. Blocking: call it off the event loop.
 *
 * <p>A ModelUpdate's {@code uri} is the checkpoint directory (path, file: URI or http(s) base URL
 * holding {@code manifest.json} and the weights); its {@code sha256} and {@code bytes} are those of
 * the weights file.
 */
public final class CheckpointFetcher {
  private final CheckpointLoader loader;

  public CheckpointFetcher(CheckpointLoader loader) {
    this.loader = loader;
  }

  /** The base checkpoint at {@code location}, served as {@code version}. */
  public ServingModel loadBase(String location, long version, prefloop.schemas.avro.ModelRole role)
      throws CheckpointRejectedException {
    LoadedCheckpoint loaded = load(location);
    return new ServingModel(version, role, location, loaded.model());
  }

  /** The checkpoint of {@code update}, verified; {@code expected}: the served samples' shape. */
  public ServingModel fetch(ModelUpdate update, SampleGeometry expected)
      throws CheckpointRejectedException {
    LoadedCheckpoint loaded = load(update.getUri());
    CheckpointManifest manifest = loaded.manifest();
    try {
      if (!manifest.weightsSha256().equalsIgnoreCase(update.getSha256())) {
        throw new CheckpointRejectedException(
            RejectReason.SHA256_MISMATCH,
            "the update says sha256 "
                + update.getSha256()
                + " but the checkpoint's weights are "
                + manifest.weightsSha256(),
            null);
      }
      if (update.getBytes() > 0 && update.getBytes() != manifest.weightsBytes()) {
        throw new CheckpointRejectedException(
            RejectReason.CORRUPT,
            "the update says "
                + update.getBytes()
                + " bytes but the weights are "
                + manifest.weightsBytes(),
            null);
      }
      SampleGeometry made = loaded.model().geometry();
      if (!made.equals(expected)) {
        throw new CheckpointRejectedException(
            RejectReason.INCOMPATIBLE,
            "the checkpoint makes samples of " + made + "; the served model " + expected,
            null);
      }
    } catch (CheckpointRejectedException e) {
      loaded.close();
      throw e;
    }
    return new ServingModel(update.getVersion(), update.getRole(), update.getUri(), loaded.model());
  }

  private LoadedCheckpoint load(String location) throws CheckpointRejectedException {
    try {
      return loader.load(location);
    } catch (CorruptCheckpointException e) {
      throw new CheckpointRejectedException(classify(e), e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new CheckpointRejectedException(
          RejectReason.UNREACHABLE, "cannot load " + location + ": " + e, e);
    }
  }

  private static RejectReason classify(CorruptCheckpointException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("sha256")) {
      return RejectReason.SHA256_MISMATCH;
    }
    if (message.startsWith("GET ")
        || message.startsWith("checkpoint file missing")
        || message.startsWith("cannot read")
        || message.startsWith("interrupted")) {
      return RejectReason.UNREACHABLE;
    }
    return RejectReason.CORRUPT;
  }
}
