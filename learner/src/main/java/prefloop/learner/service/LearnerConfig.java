package prefloop.learner.service;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import prefloop.diffusion.model.DeviceChoice;
import prefloop.learner.core.TrainerConfig;
import prefloop.schemas.Topics;

/**
 * Everything the learner service needs, validated once. Saved (as JSON) in every checkpoint
 * manifest and logged at start.
 *
 * @param learnerId id of this learner (metrics key, dead-letter service name)
 * @param bootstrapServers Kafka {@code host:port[,host:port]}
 * @param topicPrefix prefix of our topic names (e.g. "prefloop.")
 * @param groupId consumer group; offsets are committed there after checkpoints, for visibility
 * @param input where preferences come from
 * @param inputFile the recorded preference log when {@code input} is FILE, else null
 * @param batchSize fresh pairs per optimiser step, in [1, 4096]
 * @param maxStaleness policy versions a preference may lag before {@code stalePolicy} applies
 * @param stalePolicy drop or down-weight stale preferences
 * @param staleWeight weight factor of stale preferences under DOWNWEIGHT, in (0, 1]
 * @param replayCapacity pairs kept in the replay buffer of recent pairs (0 = none)
 * @param replayFraction replayed pairs added to each step, as a multiple of batchSize, in [0,
 *     {@value #MAX_REPLAY_FRACTION}]: with batchSize 1 and 7, a step trains one fresh pair and
 *     seven recent ones, so every fresh pair buys a whole step of 8 (docs/ALIGNMENT.md)
 * @param publishEvery steps between policy checkpoints (and POLICY model updates), >= 1
 * @param checkpointDir the checkpoint store (served over HTTP)
 * @param httpPort HTTP port of /health, /metrics, /status, /checkpoints; 0 = a free one
 * @param bindHost the address the HTTP server listens on: 127.0.0.1 (the default) keeps it to this
 *     machine; 0.0.0.0 opens it to every interface (containers)
 * @param advertisedHost host name put into checkpoint URIs
 * @param sharedDir optional mirror of the checkpoint store (a shared directory), or null
 * @param rollbackAfter non-finite steps in a row that trigger a rollback, >= 1
 * @param device auto, cpu or gpu
 * @param baseCheckpoint the base model's checkpoint directory (p_init, first policy and reference)
 * @param maxSteps stop (with a final checkpoint) after this many steps; 0 = no limit
 * @param leaseWaitSeconds how long to wait for another learner of the same model to go away before
 *     refusing to start ({@link LearnerLease}), in [0, 86400]; longer than the lease's session
 *     timeout, so a restart after a crash finds the dead learner's lease expired
 * @param retention which checkpoints stay on disk after each policy checkpoint
 * @param trainer the optimisation (objective, beta, reference update, timesteps...)
 */
@RecordBuilder
public record LearnerConfig(
    String learnerId,
    String bootstrapServers,
    String topicPrefix,
    String groupId,
    PreferenceInput input,
    Path inputFile,
    int batchSize,
    int maxStaleness,
    StalePolicy stalePolicy,
    double staleWeight,
    int replayCapacity,
    double replayFraction,
    int publishEvery,
    Path checkpointDir,
    int httpPort,
    String bindHost,
    String advertisedHost,
    Path sharedDir,
    int rollbackAfter,
    DeviceChoice device,
    Path baseCheckpoint,
    long maxSteps,
    int leaseWaitSeconds,
    CheckpointRetention retention,
    TrainerConfig trainer)
    implements LearnerConfigBuilder.With {

  /** The largest {@code maxStaleness}: far beyond any useful lag, and small metrics. */
  public static final int MAX_STALENESS = 1_000;

  /** The largest replay multiple: 16 replayed pairs per fresh one. */
  public static final int MAX_REPLAY_FRACTION = 16;

  public LearnerConfig {
    require(nonBlank(learnerId), "learnerId", learnerId, "non-blank");
    require(nonBlank(groupId), "groupId", groupId, "non-blank");
    require(topicPrefix != null, "topicPrefix", topicPrefix, "set (default 'prefloop.')");
    require(input != null, "input", input, "one of TOPIC, TOPIC_REPLAY, FILE");
    require(
        input == PreferenceInput.FILE || nonBlank(bootstrapServers),
        "bootstrapServers",
        bootstrapServers,
        "host:port of a Kafka broker");
    require(
        input != PreferenceInput.FILE || inputFile != null,
        "inputFile",
        inputFile,
        "the recorded preference log when input = FILE");
    require(batchSize >= 1 && batchSize <= 4096, "batchSize", batchSize, "in [1, 4096]");
    // bounded because every LearnerMetrics carries maxStaleness + 2 histogram buckets: 10^6 made
    // each message ~1 MB, at Kafka's size limit and beyond what consumers' Avro limits accept
    require(
        maxStaleness >= 0 && maxStaleness <= MAX_STALENESS,
        "maxStaleness",
        maxStaleness,
        "in [0, "
            + MAX_STALENESS
            + "] (to train every preference whatever its age: DOWNWEIGHT, weight 1)");
    require(stalePolicy != null, "stalePolicy", stalePolicy, "DROP or DOWNWEIGHT");
    require(staleWeight > 0 && staleWeight <= 1, "staleWeight", staleWeight, "in (0, 1]");
    require(replayCapacity >= 0, "replayCapacity", replayCapacity, ">= 0");
    require(
        replayFraction >= 0 && replayFraction <= MAX_REPLAY_FRACTION,
        "replayFraction",
        replayFraction,
        "in [0, " + MAX_REPLAY_FRACTION + "] (replayed pairs per fresh pair)");
    require(
        replayFraction == 0 || replayCapacity > 0,
        "replayCapacity",
        replayCapacity,
        "> 0 when replayFraction > 0");
    require(publishEvery >= 1, "publishEvery", publishEvery, ">= 1");
    require(checkpointDir != null, "checkpointDir", checkpointDir, "a directory");
    require(httpPort >= 0 && httpPort <= 65535, "httpPort", httpPort, "in [0, 65535] (0 = free)");
    require(nonBlank(bindHost), "bindHost", bindHost, "an address, e.g. 127.0.0.1 or 0.0.0.0");
    require(nonBlank(advertisedHost), "advertisedHost", advertisedHost, "a host name");
    require(rollbackAfter >= 1, "rollbackAfter", rollbackAfter, ">= 1");
    require(device != null, "device", device, "auto, cpu or gpu");
    require(baseCheckpoint != null, "baseCheckpoint", baseCheckpoint, "a checkpoint directory");
    require(maxSteps >= 0, "maxSteps", maxSteps, ">= 0 (0 = no limit)");
    require(
        leaseWaitSeconds >= 0 && leaseWaitSeconds <= 86_400,
        "leaseWaitSeconds",
        leaseWaitSeconds,
        "in [0, 86400]");
    Objects.requireNonNull(retention, "LearnerConfig.retention is required");
    Objects.requireNonNull(trainer, "LearnerConfig.trainer is required");
  }

  /** A builder (generated by record-builder) with the service defaults around {@code trainer}. */
  public static LearnerConfigBuilder builder(TrainerConfig trainer) {
    return LearnerConfigBuilder.builder(defaults(trainer));
  }

  /**
   * The service defaults around {@code trainer}: learner-1 on 127.0.0.1:9092 with the default
   * topics and group, reading the topic, batch 8, staleness 4 dropped, no replay, a policy every 16
   * steps into checkpoints/learner, HTTP on 127.0.0.1:8083, rollback after 3 non-finite steps, base
   * models/base, no step limit, a 30 s lease wait (a restart after two crashes in a row waits for
   * two dead sessions, about 20 s), the default retention.
   */
  public static LearnerConfig defaults(TrainerConfig trainer) {
    return new LearnerConfig(
        "learner-1",
        "127.0.0.1:9092",
        Topics.DEFAULT_PREFIX,
        "prefloop-learner",
        PreferenceInput.TOPIC,
        null,
        8,
        4,
        StalePolicy.DROP,
        0.5,
        0,
        0,
        16,
        Path.of("checkpoints/learner"),
        8083,
        "127.0.0.1",
        "127.0.0.1",
        null,
        3,
        DeviceChoice.AUTO,
        Path.of("models/base"),
        0,
        30,
        CheckpointRetention.defaults(),
        trainer);
  }

  /** The shared-directory mirror of the checkpoint store, when configured. */
  public Optional<Path> sharedMirror() {
    return Optional.ofNullable(sharedDir);
  }

  /** Replayed pairs added to each step. */
  public int replayPerStep() {
    return (int) Math.round(replayFraction * batchSize);
  }

  /** Whether the run ends when its input is exhausted (offline modes). */
  public boolean offline() {
    return input != PreferenceInput.TOPIC;
  }

  private static boolean nonBlank(String s) {
    return s != null && !s.isBlank();
  }

  private static void require(boolean ok, String key, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(
          "LearnerConfig." + key + " = " + value + " is invalid: must be " + allowed);
    }
  }
}
