package prefloop.learner.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.diffusion.checkpoint.CheckpointManifest;
import prefloop.diffusion.checkpoint.CorruptCheckpointException;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.learner.core.PreferenceTrainer;
import prefloop.learner.core.TrainerMemory;
import prefloop.schemas.avro.ModelRole;

/**
 * Restores, with a policy checkpoint's weights, the rest of the trainer's state saved beside them:
 * the AdamW moments ({@value CheckpointStore#OPTIMIZER_FILE}) and the {@link TrainerMemory} (the
 * drift guard's state and the timestep statistics, in the manifest's {@code extra}). A checkpoint
 * that predates either, or an unreadable one, leaves the trainer's fresh state, with a warning.
 */
final class TrainerStateFiles {

  private static final Logger LOG = LoggerFactory.getLogger(TrainerStateFiles.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private TrainerStateFiles() {}

  /**
   * Loads stored policy {@code version} into the trainer: its weights, the reference it was trained
   * against, its optimizer state and trainer memory. Returns its manifest.
   */
  static CheckpointManifest load(PreferenceTrainer trainer, CheckpointStore store, long version)
      throws IOException, CorruptCheckpointException {
    try (LoadedCheckpoint policy = store.load(ModelRole.POLICY, version)) {
      try (LoadedCheckpoint reference =
          store.load(ModelRole.REFERENCE, referenceVersion(policy.manifest()))) {
        trainer.loadPolicy(policy.model());
        trainer.loadReference(reference.model());
      }
      restore(trainer, store, policy.manifest(), version);
      return policy.manifest();
    }
  }

  /** The reference version a policy checkpoint was trained against. */
  static long referenceVersion(CheckpointManifest policy) {
    return Long.parseLong(policy.extra().getOrDefault(CheckpointPublisher.REFERENCE_VERSION, "0"));
  }

  /** The reference version stored policy {@code version} was trained against. */
  static long referenceVersion(CheckpointStore store, long version) throws IOException {
    try {
      return referenceVersion(store.manifest(ModelRole.POLICY, version));
    } catch (CorruptCheckpointException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  static void restore(
      PreferenceTrainer trainer, CheckpointStore store, CheckpointManifest policy, long version) {
    restoreOptimizer(trainer, store, version);
    restoreMemory(trainer, policy.extra().get(CheckpointPublisher.TRAINER_MEMORY), version);
  }

  private static void restoreMemory(PreferenceTrainer trainer, String json, long version) {
    if (json == null) {
      return;
    }
    try {
      trainer.restoreMemory(JSON.readValue(json, TrainerMemory.class));
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn(
          "the guard and timestep statistics of policy v{} are unreadable ({}): they start afresh",
          version,
          e.getMessage());
    }
  }

  private static void restoreOptimizer(
      PreferenceTrainer trainer, CheckpointStore store, long version) {
    Optional<Path> state = store.optimizerState(version);
    if (state.isEmpty()) {
      return;
    }
    try (InputStream in = Files.newInputStream(state.get())) {
      trainer.loadOptimizer(in);
    } catch (IOException e) {
      LOG.warn(
          "the optimiser state of policy v{} is unreadable ({}): AdamW starts from zero moments",
          version,
          e.getMessage());
    }
  }
}
