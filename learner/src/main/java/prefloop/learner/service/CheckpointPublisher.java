package prefloop.learner.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.diffusion.checkpoint.CheckpointMetadata;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.learner.core.TrainerMemory;
import prefloop.schemas.avro.MergeInfo;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.ModelUpdate;
import prefloop.schemas.avro.WeightsKind;

/**
 * Broadcast of weights: write a checkpoint to the store, then publish a {@link ModelUpdate} whose
 * URI is the checkpoint's directory under the learner's {@code /checkpoints/} route and whose
 * sha256/bytes are those of its weights file (equal to the manifest's).
 */
final class CheckpointPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointPublisher.class);

  /** Manifest extra: the reference version a policy checkpoint was trained against. */
  static final String REFERENCE_VERSION = "referenceVersion";

  /** The {@link TrainerMemory} of a policy checkpoint, as JSON. */
  static final String TRAINER_MEMORY = "trainerMemory";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Manifest extra: the resolved learner config, as JSON. */
  static final String LEARNER_CONFIG = "learnerConfig";

  private final CheckpointStore store;
  private final Outbox outbox;
  private volatile String uriBase = "http://unadvertised/checkpoints/";
  private final long seed;
  private final Map<String, String> provenance;
  private final Clock clock;

  /**
   * @param provenance manifest extras written with every checkpoint (config, learner id, device)
   */
  CheckpointPublisher(
      CheckpointStore store,
      Outbox outbox,
      long seed,
      Map<String, String> provenance,
      Clock clock) {
    this.store = store;
    this.outbox = outbox;
    this.seed = seed;
    this.provenance = Map.copyOf(provenance);
    this.clock = clock;
  }

  /** Where published URIs point: e.g. {@code http://host:port/checkpoints/}. */
  void advertise(String base) {
    this.uriBase = base.endsWith("/") ? base : base + "/";
  }

  /**
   * Writes policy checkpoint {@code version} (with its ledger and optimiser state, null when there
   * is none yet); does not publish it.
   */
  StoredCheckpoint writePolicy(
      DiffusionModel policy,
      long version,
      long step,
      long referenceVersion,
      Map<String, Long> offsets,
      TrainingLedger ledger,
      byte[] optimizerState,
      TrainerMemory memory)
      throws IOException {
    Map<String, String> extra = new HashMap<>(provenance);
    extra.put(REFERENCE_VERSION, Long.toString(referenceVersion));
    if (memory != null) {
      extra.put(TRAINER_MEMORY, JSON.writeValueAsString(memory));
    }
    CheckpointMetadata metadata =
        new CheckpointMetadata(
            "policy", version, ledger.parentVersion(), step, seed, offsets, extra);
    return store.write(ModelRole.POLICY, policy, metadata, ledger, optimizerState);
  }

  /** Writes reference checkpoint {@code version}, derived from {@code parent}. */
  StoredCheckpoint writeReference(
      DiffusionModel reference,
      long version,
      long parent,
      long step,
      Map<String, Long> offsets,
      Map<String, String> mergeExtra)
      throws IOException {
    Map<String, String> extra = new HashMap<>(provenance);
    extra.putAll(mergeExtra);
    CheckpointMetadata metadata =
        new CheckpointMetadata("reference", version, parent, step, seed, offsets, extra);
    return store.write(ModelRole.REFERENCE, reference, metadata, null, null);
  }

  /** Publishes {@code stored}; {@code merge} is null for the policy. */
  boolean publish(StoredCheckpoint stored, MergeInfo merge) {
    long parent = stored.manifest().parentVersion();
    ModelUpdate update =
        ModelUpdate.newBuilder()
            .setRole(stored.role())
            .setVersion(stored.version())
            .setLearnerStep(stored.manifest().learnerStep())
            .setUri(uriBase + stored.name() + "/")
            .setSha256(stored.manifest().weightsSha256())
            .setBytes(stored.manifest().weightsBytes())
            .setParentVersion(parent < 0 ? null : parent)
            .setMerge(merge)
            .setCreatedAt(clock.instant())
            .setWeights(WeightsKind.valueOf(stored.manifest().weightsKind().name()))
            .setBaseSha256(stored.manifest().baseSha256())
            .build();
    boolean sent = outbox.modelUpdate(update);
    if (sent) {
      LOG.info(
          "published {} v{} (step {}, {} bytes) at {}",
          update.getRole(),
          update.getVersion(),
          update.getLearnerStep(),
          update.getBytes(),
          update.getUri());
    }
    return sent;
  }
}
