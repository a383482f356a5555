package prefloop.learner.service;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.diffusion.bundle.BundleModelFactory;
import prefloop.diffusion.bundle.ModelBundles;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.CorruptCheckpointException;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.diffusion.checkpoint.ModelFactory;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.learner.core.PreferenceTrainer;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.ModelRole;

/**
 * One learner process's work, without HTTP: the trainer, its input and outbox, the checkpoint store
 * and the dedicated learner thread. {@link #open} does the blocking part (load the base and the
 * latest checkpoint, seek the input); {@link #start} starts the thread; {@link #stop} ends
 * gracefully with a final checkpoint; {@link #kill} ends as a crash would (nothing more written).
 */
public final class Learner {
  private static final Logger LOG = LoggerFactory.getLogger(Learner.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LearnerConfig config;
  private final CheckpointStore store;
  private final LearnerLoop loop;
  private final CheckpointPublisher publisher;
  private final LearnerMeters meters;
  private final AtomicReference<LearnerStatus> status;
  private final AutoCloseable[] resources;
  private final CompletableFuture<LearnerStatus> done = new CompletableFuture<>();
  private Thread thread;

  private Learner(
      LearnerConfig config,
      CheckpointStore store,
      LearnerLoop loop,
      CheckpointPublisher publisher,
      LearnerMeters meters,
      AtomicReference<LearnerStatus> status,
      AutoCloseable... resources) {
    this.config = config;
    this.store = store;
    this.loop = loop;
    this.publisher = publisher;
    this.meters = meters;
    this.status = status;
    this.resources = resources;
  }

  /**
   * Takes the model's lease, loads the base and the latest checkpoint and positions the input;
   * blocking.
   *
   * @throws LeaseHeldException when another learner trains the same model
   */
  public static Learner open(LearnerConfig config)
      throws IOException, CorruptCheckpointException, LeaseHeldException {
    String configJson = json(config);
    LOG.info("learner config: {}", configJson);
    Topics topics = Topics.withPrefix(config.topicPrefix());
    LearnerLease lease = lease(config, topics);
    try {
      return open(config, configJson, topics, lease);
    } catch (IOException | CorruptCheckpointException | RuntimeException e) {
      closeAll(lease);
      throw e;
    }
  }

  private static Learner open(
      LearnerConfig config, String configJson, Topics topics, LearnerLease lease)
      throws IOException, CorruptCheckpointException {
    Device device = config.device().resolve();
    LOG.info(
        "device: {} (requested {}; engine {} {}, {} GPU(s))",
        device,
        config.device(),
        Engine.getInstance().getEngineName(),
        Engine.getInstance().getVersion(),
        Engine.getInstance().getGpuCount());
    NDManager manager = NDManager.newBaseManager(device);
    PreferenceTrainer trainer;
    ModelFactory models;
    if (ModelBundles.isBundle(config.baseCheckpoint().toString())) {
      BundleModelFactory bundle = new BundleModelFactory(config.baseCheckpoint(), device);
      models = bundle;
      try (DiffusionModel initial = initialOf(bundle)) {
        trainer = new PreferenceTrainer(config.trainer(), initial, manager);
      }
      LOG.info(
          "model bundle {} (manifest sha256 {}): training its adapters only",
          config.baseCheckpoint(),
          bundle.identity());
    } else {
      models = ModelFactory.toy();
      try (LoadedCheckpoint base = new CheckpointLoader().load(config.baseCheckpoint())) {
        trainer = new PreferenceTrainer(config.trainer(), base.model(), manager);
      }
    }
    PreferenceSource source = source(config, topics);
    Outbox outbox =
        lease == null
            ? outbox(config, topics)
            : new LeasedOutbox(outbox(config, topics), lease::held);
    CheckpointStore store =
        new CheckpointStore(config.checkpointDir(), config.sharedMirror(), models);
    AtomicReference<LearnerStatus> status =
        new AtomicReference<>(LearnerStatus.starting(config.learnerId()));
    LearnerMeters meters = new LearnerMeters(config.learnerId(), status::get);
    Map<String, String> provenance =
        Map.of(
            CheckpointPublisher.LEARNER_CONFIG,
            configJson,
            "learnerId",
            config.learnerId(),
            "device",
            device.toString());
    CheckpointPublisher publisher =
        new CheckpointPublisher(
            store, outbox, config.trainer().seed(), provenance, Clock.systemUTC());
    LearnerLoop loop =
        new LearnerLoop(
            config,
            trainer,
            store,
            source,
            outbox,
            publisher,
            meters,
            status,
            device.toString(),
            Clock.systemUTC());
    PreferenceConverter converter =
        new PreferenceConverter(
            config, trainer.policy().imageGeometry().size(), trainer.policy().prompts());
    loop.ingest(
        new RecordIngest(
            topics.preferences().decoder(),
            converter,
            outbox,
            config.learnerId(),
            Clock.systemUTC(),
            () -> {
              loop.progress().deadLetter();
              meters.deadLetter();
            }));
    try {
      loop.restoreOrInitialise();
    } catch (IOException | CorruptCheckpointException | RuntimeException e) {
      closeAll(source, outbox, trainer, manager);
      throw e;
    }
    if (lease != null) {
      lease.onLost(loop::kill);
    }
    return new Learner(
        config, store, loop, publisher, meters, status, source, outbox, trainer, manager, lease);
  }

  /** The model's lease when preferences come from Kafka; null for a recorded file. */
  private static LearnerLease lease(LearnerConfig config, Topics topics) throws LeaseHeldException {
    if (config.input() == PreferenceInput.FILE) {
      return null;
    }
    return LearnerLease.acquire(
        config.bootstrapServers(),
        topics.modelUpdates().name(),
        config.learnerId(),
        Duration.ofSeconds(config.leaseWaitSeconds()));
  }

  private static DiffusionModel initialOf(BundleModelFactory bundle) throws IOException {
    try {
      return bundle.initial();
    } catch (MalformedModelException e) {
      throw new IOException("the model bundle cannot be loaded: " + e.getMessage(), e);
    }
  }

  private static PreferenceSource source(LearnerConfig config, Topics topics) {
    int maxPoll = Math.max(config.batchSize() * 4, 64);
    return switch (config.input()) {
      case FILE -> new FilePreferenceSource(config.inputFile(), maxPoll);
      case TOPIC, TOPIC_REPLAY ->
          new KafkaPreferenceSource(
              config.bootstrapServers(),
              config.groupId(),
              topics.preferences().name(),
              maxPoll,
              config.input() == PreferenceInput.TOPIC_REPLAY);
    };
  }

  private static Outbox outbox(LearnerConfig config, Topics topics) {
    boolean noBroker =
        config.input() == PreferenceInput.FILE
            && (config.bootstrapServers() == null || config.bootstrapServers().isBlank());
    return noBroker
        ? Outbox.loggingOnly()
        : new KafkaOutbox(config.bootstrapServers(), topics, config.learnerId());
  }

  /** The config as JSON, as saved in every manifest. */
  public static String json(LearnerConfig config) {
    try {
      return JSON.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the learner config as JSON: " + e, e);
    }
  }

  /** Starts the learner thread; published URIs start with {@code checkpointUriBase}. */
  public synchronized void start(String checkpointUriBase) {
    if (thread != null) {
      throw new IllegalStateException("learner already started");
    }
    publisher.advertise(checkpointUriBase);
    thread = new Thread(this::runAndClose, "prefloop-learner-" + config.learnerId());
    thread.start();
  }

  private void runAndClose() {
    try {
      loop.run();
    } finally {
      closeAll(resources);
      done.complete(status.get());
    }
  }

  /** Completes when the learner thread has ended and released the model and clients. */
  public CompletableFuture<LearnerStatus> done() {
    return done;
  }

  /** Graceful: finishes the current step, writes and publishes a final checkpoint, waits. */
  public LearnerStatus stop(Duration timeout) {
    loop.requestStop();
    return await(timeout);
  }

  /** As a crash: the learner ends after its current step, writing and publishing nothing more. */
  public LearnerStatus kill(Duration timeout) {
    loop.kill();
    return await(timeout);
  }

  private LearnerStatus await(Duration timeout) {
    if (thread == null) {
      closeAll(resources);
      return status.get();
    }
    try {
      return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the learner to stop", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "the learner did not stop within " + timeout + ": " + e.getMessage(), e);
    }
  }

  public LearnerStatus status() {
    return status.get();
  }

  /**
   * Queues a rollback; the learner thread performs it between two steps. A version that retention
   * has deleted is replaced by the newest kept one below it.
   *
   * @return the version the learner will go back to
   * @throws IllegalArgumentException when no policy version at or below it is kept
   */
  public long requestRollback(RollbackRequest request) {
    long kept =
        store.versions(ModelRole.POLICY).stream()
            .filter(v -> v <= request.toVersion())
            .reduce((a, b) -> b)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no policy checkpoint at or below v"
                            + request.toVersion()
                            + " is kept in "
                            + store.root()));
    loop.requestRollback(request.to(kept));
    return kept;
  }

  /**
   * Resumes training paused by a rollback ({@link RollbackRequest#pause()}).
   *
   * @return whether training was paused
   */
  public boolean resume() {
    return loop.requestResume();
  }

  public LearnerMeters meters() {
    return meters;
  }

  public CheckpointStore store() {
    return store;
  }

  public LearnerConfig config() {
    return config;
  }

  private static void closeAll(AutoCloseable... resources) {
    for (AutoCloseable resource : resources) {
      if (resource == null) {
        continue;
      }
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", resource.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
