package prefloop.generator.model;

import ai.djl.MalformedModelException;
import java.io.IOException;
import java.util.function.Consumer;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.CheckpointManifest;
import prefloop.diffusion.checkpoint.CorruptCheckpointException;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.diffusion.checkpoint.VerifiedWeights;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.SampleGeometry;
import prefloop.generator.sampling.ServingModel;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.ModelUpdate;
import prefloop.schemas.avro.WeightsKind;

/**
 * Fetches and verifies a checkpoint: the diffusion module's loader checks the weights against the
 * manifest (size, sha256); here the manifest's weights hash and size must also match the
 * ModelUpdate (so a swapped manifest is caught too), and the samples' geometry must match the model
 * being served. Blocking: call it off the event loop.
 *
 * <p>A generator serves either the toy UNet, whose updates carry FULL weights, or a model bundle
 * ({@link BasePool}), whose updates carry ADAPTER weights for the base the generator already holds
 * and name that base by sha256; an update of the other kind, or for another base, is refused.
 *
 * <p>A ModelUpdate's {@code uri} is the checkpoint directory (path, file: URI or http(s) base URL
 * holding {@code manifest.json} and the weights); its {@code sha256} and {@code bytes} are those of
 * the weights file.
 */
public final class CheckpointFetcher {
  private final CheckpointLoader loader;
  private final BasePool bases;

  /** A fetcher of toy UNet checkpoints. */
  public CheckpointFetcher(CheckpointLoader loader) {
    this(loader, null);
  }

  /** A fetcher of adapter checkpoints onto the bases of {@code bases} (null: the toy UNet). */
  public CheckpointFetcher(CheckpointLoader loader, BasePool bases) {
    this.loader = loader;
    this.bases = bases;
  }

  /**
   * The base at {@code location} (a checkpoint, or the bundle itself), served as {@code version}.
   */
  public ServingModel loadBase(String location, long version, ModelRole role)
      throws CheckpointRejectedException {
    if (bases != null) {
      try {
        return new ServingModel(version, role, location, bases.initial(), bases::give);
      } catch (IOException | MalformedModelException | RuntimeException e) {
        throw new CheckpointRejectedException(
            RejectReason.CORRUPT, "cannot load the model bundle " + location + ": " + e, e);
      }
    }
    try {
      LoadedCheckpoint loaded = loader.load(location);
      return new ServingModel(version, role, location, loaded.model());
    } catch (CorruptCheckpointException e) {
      throw new CheckpointRejectedException(classify(e), e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new CheckpointRejectedException(
          RejectReason.UNREACHABLE, "cannot load " + location + ": " + e, e);
    }
  }

  /** The checkpoint of {@code update}, verified; {@code expected}: the served samples' shape. */
  public ServingModel fetch(ModelUpdate update, SampleGeometry expected)
      throws CheckpointRejectedException {
    checkKind(update);
    VerifiedWeights checkpoint = verify(update.getUri());
    CheckpointManifest manifest = checkpoint.manifest();
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
    DiffusionModel model = build(checkpoint);
    Consumer<DiffusionModel> release = bases == null ? DiffusionModel::close : bases::give;
    SampleGeometry made = model.geometry();
    if (!made.equals(expected)) {
      release.accept(model);
      throw new CheckpointRejectedException(
          RejectReason.INCOMPATIBLE,
          "the checkpoint makes samples of " + made + "; the served model " + expected,
          null);
    }
    return new ServingModel(update.getVersion(), update.getRole(), update.getUri(), model, release);
  }

  private void checkKind(ModelUpdate update) throws CheckpointRejectedException {
    WeightsKind served = bases == null ? WeightsKind.FULL : WeightsKind.ADAPTER;
    if (update.getWeights() != served) {
      throw new CheckpointRejectedException(
          RejectReason.INCOMPATIBLE,
          "the update carries "
              + update.getWeights()
              + " weights but this generator serves "
              + (bases == null ? "the toy UNet (FULL)" : "a model bundle (ADAPTER)")
              + ": run the learner and the generator on the same --base",
          null);
    }
    if (bases != null && !bases.identity().equals(update.getBaseSha256())) {
      throw new CheckpointRejectedException(
          RejectReason.INCOMPATIBLE,
          "the update's adapters belong to the bundle with manifest sha256 "
              + update.getBaseSha256()
              + " but this generator holds "
              + bases.identity(),
          null);
    }
  }

  private DiffusionModel build(VerifiedWeights checkpoint) throws CheckpointRejectedException {
    try {
      return bases == null
          ? loader.build(checkpoint).model()
          : bases.withAdapters(checkpoint.manifest(), checkpoint.weights());
    } catch (CorruptCheckpointException e) {
      throw new CheckpointRejectedException(RejectReason.CORRUPT, e.getMessage(), e);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      throw new CheckpointRejectedException(
          RejectReason.CORRUPT, "weights do not fit the model: " + e.getMessage(), e);
    }
  }

  private VerifiedWeights verify(String location) throws CheckpointRejectedException {
    try {
      return loader.verify(location);
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
