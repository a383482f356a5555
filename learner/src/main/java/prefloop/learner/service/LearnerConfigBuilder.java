package prefloop.learner.service;

import java.nio.file.Path;
import prefloop.diffusion.model.DeviceChoice;
import prefloop.learner.core.TrainerConfig;
import prefloop.schemas.Topics;

/** Defaults for {@link LearnerConfig}, changed one key at a time; {@link #build()} validates. */
public final class LearnerConfigBuilder {
  private String learnerId = "learner-1";
  private String bootstrapServers = "127.0.0.1:9092";
  private String topicPrefix = Topics.DEFAULT_PREFIX;
  private String groupId = "prefloop-learner";
  private PreferenceInput input = PreferenceInput.TOPIC;
  private Path inputFile;
  private int batchSize = 8;
  private int maxStaleness = 4;
  private StalePolicy stalePolicy = StalePolicy.DROP;
  private double staleWeight = 0.5;
  private int replayCapacity;
  private double replayFraction;
  private int publishEvery = 16;
  private Path checkpointDir = Path.of("checkpoints/learner");
  private int httpPort = 8083;
  private String bindHost = "127.0.0.1";
  private String advertisedHost = "127.0.0.1";
  private Path sharedDir;
  private int rollbackAfter = 3;
  private DeviceChoice device = DeviceChoice.AUTO;
  private Path baseCheckpoint = Path.of("models/base");
  private long maxSteps;
  private int leaseWaitSeconds = 15;
  private CheckpointRetention retention = CheckpointRetention.defaults();
  private final TrainerConfig trainer;

  LearnerConfigBuilder(TrainerConfig trainer) {
    this.trainer = trainer;
  }

  public LearnerConfigBuilder learnerId(String v) {
    learnerId = v;
    return this;
  }

  public LearnerConfigBuilder bootstrapServers(String v) {
    bootstrapServers = v;
    return this;
  }

  public LearnerConfigBuilder topicPrefix(String v) {
    topicPrefix = v;
    return this;
  }

  public LearnerConfigBuilder groupId(String v) {
    groupId = v;
    return this;
  }

  public LearnerConfigBuilder input(PreferenceInput v, Path file) {
    input = v;
    inputFile = file;
    return this;
  }

  public LearnerConfigBuilder batchSize(int v) {
    batchSize = v;
    return this;
  }

  public LearnerConfigBuilder staleness(int max, StalePolicy policy, double weight) {
    maxStaleness = max;
    stalePolicy = policy;
    staleWeight = weight;
    return this;
  }

  public LearnerConfigBuilder replay(int capacity, double fraction) {
    replayCapacity = capacity;
    replayFraction = fraction;
    return this;
  }

  public LearnerConfigBuilder publishEvery(int v) {
    publishEvery = v;
    return this;
  }

  public LearnerConfigBuilder checkpointDir(Path v) {
    checkpointDir = v;
    return this;
  }

  public LearnerConfigBuilder http(int port, String host) {
    httpPort = port;
    advertisedHost = host;
    return this;
  }

  /** The address the HTTP server listens on (default 127.0.0.1: this machine only). */
  public LearnerConfigBuilder bind(String v) {
    bindHost = v;
    return this;
  }

  public LearnerConfigBuilder sharedDir(Path v) {
    sharedDir = v;
    return this;
  }

  public LearnerConfigBuilder retention(CheckpointRetention v) {
    retention = v;
    return this;
  }

  public LearnerConfigBuilder rollbackAfter(int v) {
    rollbackAfter = v;
    return this;
  }

  public LearnerConfigBuilder device(DeviceChoice v) {
    device = v;
    return this;
  }

  public LearnerConfigBuilder baseCheckpoint(Path v) {
    baseCheckpoint = v;
    return this;
  }

  public LearnerConfigBuilder maxSteps(long v) {
    maxSteps = v;
    return this;
  }

  public LearnerConfigBuilder leaseWaitSeconds(int v) {
    leaseWaitSeconds = v;
    return this;
  }

  public LearnerConfig build() {
    return new LearnerConfig(
        learnerId,
        bootstrapServers,
        topicPrefix,
        groupId,
        input,
        inputFile,
        batchSize,
        maxStaleness,
        stalePolicy,
        staleWeight,
        replayCapacity,
        replayFraction,
        publishEvery,
        checkpointDir,
        httpPort,
        bindHost,
        advertisedHost,
        sharedDir,
        rollbackAfter,
        device,
        baseCheckpoint,
        maxSteps,
        leaseWaitSeconds,
        retention,
        trainer);
  }
}
