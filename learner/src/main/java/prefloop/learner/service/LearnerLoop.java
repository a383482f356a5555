package prefloop.learner.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.diffusion.checkpoint.CheckpointManifest;
import prefloop.diffusion.checkpoint.CorruptCheckpointException;
import prefloop.learner.core.MergeEvent;
import prefloop.learner.core.PreferenceExample;
import prefloop.learner.core.PreferenceTrainer;
import prefloop.learner.core.ReferenceUpdateConfig;
import prefloop.learner.core.StepResult;
import prefloop.schemas.avro.MergeInfo;
import prefloop.schemas.avro.ModelRole;

/**
 * The learner's work, on its one dedicated thread: poll → decode → batch → step → metrics, a policy
 * checkpoint every N steps and a reference checkpoint after every merge (each then published), the
 * NaN/Inf rollback, and the final checkpoint on a graceful stop. Nothing here runs on an event
 * loop, and nothing else touches the trainer or the consumer.
 */
final class LearnerLoop {
  private static final Logger LOG = LoggerFactory.getLogger(LearnerLoop.class);
  private static final Duration POLL = Duration.ofMillis(100);

  /** Rollbacks to one checkpoint before the learner gives up (the divergence is not transient). */
  static final int MAX_ROLLBACKS = 3;

  private final LearnerConfig config;
  private final PreferenceTrainer trainer;
  private final CheckpointStore store;
  private final PreferenceSource source;
  private final Outbox outbox;
  private final CheckpointPublisher publisher;
  private final LearnerMeters meters;
  private final Clock clock;
  private final BatchAssembler assembler;
  private final ReplayBuffer replay;
  private final NonFiniteGuard guard;
  private final LearnerProgress progress;
  private final AtomicReference<LearnerStatus> status;
  private RecordIngest ingest;
  private TrainingLedger.Builder ledger = new TrainingLedger.Builder(0);
  private int rollbacksToCheckpoint;
  private final ConsumedOffsets consumedOffsets;
  private final Queue<RollbackRequest> rollbackRequests = new ConcurrentLinkedQueue<>();
  private volatile boolean resumeRequested;
  private volatile boolean paused;
  private volatile boolean stopRequested;
  private volatile boolean killed;

  LearnerLoop(
      LearnerConfig config,
      PreferenceTrainer trainer,
      CheckpointStore store,
      PreferenceSource source,
      Outbox outbox,
      CheckpointPublisher publisher,
      LearnerMeters meters,
      AtomicReference<LearnerStatus> status,
      String device,
      Clock clock) {
    this.config = config;
    this.trainer = trainer;
    this.store = store;
    this.source = source;
    this.outbox = outbox;
    this.publisher = publisher;
    this.meters = meters;
    this.status = status;
    this.clock = clock;
    this.consumedOffsets = new ConsumedOffsets(source, clock);
    this.assembler = new BatchAssembler(config.maxStaleness());
    this.replay = new ReplayBuffer(config.replayCapacity(), config.trainer().seed() ^ 0x5EED);
    this.guard = new NonFiniteGuard(config.rollbackAfter());
    this.progress = new LearnerProgress(config.learnerId(), device);
  }

  void ingest(RecordIngest recordIngest) {
    this.ingest = recordIngest;
  }

  LearnerProgress progress() {
    return progress;
  }

  /** Loads the latest policy checkpoint (writing version 0 from the base on a fresh store). */
  void restoreOrInitialise() throws IOException, CorruptCheckpointException {
    if (store.latest(ModelRole.POLICY).isEmpty()) {
      publisher.writeReference(trainer.reference(), 0, -1, 0, Map.of(), Map.of());
      publisher.writePolicy(
          trainer.policy(),
          0,
          0,
          0,
          Map.of(),
          new TrainingLedger(-1, List.of()),
          null,
          trainer.memory());
      LOG.info("fresh checkpoint store {}: wrote policy and reference v0 (the base)", store.root());
    }
    restore(store.latest(ModelRole.POLICY).getAsLong());
  }

  private void restore(long version) throws IOException, CorruptCheckpointException {
    CheckpointManifest manifest = TrainerStateFiles.load(trainer, store, version);
    long referenceVersion = TrainerStateFiles.referenceVersion(manifest);
    trainer.restoreStepsTaken(manifest.learnerStep());
    Map<String, Long> offsets = manifest.consumerOffsets();
    progress.restored(
        manifest.learnerStep(),
        version,
        referenceVersion,
        store.latest(ModelRole.REFERENCE).orElse(0) + 1,
        offsets,
        CheckpointStore.name(ModelRole.POLICY, version));
    ledger = new TrainingLedger.Builder(version);
    assembler.clear();
    replay.clear();
    source.seek(offsets);
    publishStatus();
    LOG.info(
        "restored policy v{} (step {}, reference v{}), reading from {}",
        version,
        manifest.learnerStep(),
        referenceVersion,
        offsets);
  }

  /** Asks the learner thread to roll back between two steps ({@link RollbackRequest}). */
  void requestRollback(RollbackRequest request) {
    rollbackRequests.add(request);
  }

  /** Asks the learner thread to resume paused training; false when it is not paused. */
  boolean requestResume() {
    if (!paused) {
      return false;
    }
    resumeRequested = true;
    return true;
  }

  /**
   * While paused: nothing is read or trained, rollbacks are still served, and a resume request ends
   * the pause. Returns whether the loop is (still) paused.
   */
  private boolean servePause() throws InterruptedException {
    if (!trainer.paused()) {
      paused = false;
      resumeRequested = false;
      return false;
    }
    if (resumeRequested) {
      resumeRequested = false;
      trainer.setPaused(false);
      paused = false;
      progress.state("RUNNING");
      LOG.warn(
          "training resumed at step {} (policy v{})",
          trainer.stepsTaken(),
          progress.policyVersion());
      return false;
    }
    if (!paused) {
      paused = true;
      progress.state("PAUSED");
      LOG.warn(
          "training paused at policy v{}: POST /control/resume to go on", progress.policyVersion());
    }
    publishStatus();
    Thread.sleep(POLL.toMillis());
    return true;
  }

  /**
   * Undoes training back to {@code request.toVersion()} without re-reading the input, and publishes
   * those weights as the next policy version.
   */
  private void serveRollbackRequests() throws IOException, CorruptCheckpointException {
    RollbackRequest request;
    while (!killed && (request = rollbackRequests.poll()) != null) {
      boolean wasPaused = trainer.paused();
      CheckpointManifest manifest = TrainerStateFiles.load(trainer, store, request.toVersion());
      trainer.scaleLearningRate(request.learningRateFactor());
      trainer.scaleBeta(request.betaFactor());
      trainer.setPaused(wasPaused || request.pause());
      // the restored weights descend from the version gone back to: what was trained since is
      // undone
      ledger = new TrainingLedger.Builder(request.toVersion());
      replay.clear();
      progress.rolledBackTo(TrainerStateFiles.referenceVersion(manifest));
      meters.rollback();
      LOG.warn(
          "rolled back to policy v{} ({}); learning rate × {}, β × {} (now {}){}; publishing it as"
              + " v{}",
          request.toVersion(),
          request.reason(),
          request.learningRateFactor(),
          request.betaFactor(),
          trainer.beta(),
          trainer.paused() ? ", training paused" : "",
          progress.policyVersion() + 1);
      checkpointPolicy();
    }
  }

  /** Runs until stopped, killed, out of input (offline) or at maxSteps. */
  void run() {
    progress.state("RUNNING");
    publishStatus();
    try {
      republishRestoredPolicy();
      while (!stopRequested && !killed) {
        serveRollbackRequests();
        if (servePause()) {
          continue;
        }
        List<RawRecord> records = source.poll(POLL);
        for (RawRecord record : records) {
          assembler.add(ingest.ingest(record, progress::policyVersion));
        }
        boolean end = source.exhausted();
        Optional<StepBatch> batch;
        while (!killed && (batch = assembler.take(config.batchSize(), end)).isPresent()) {
          train(batch.get());
          if (config.maxSteps() > 0 && trainer.stepsTaken() >= config.maxSteps()) {
            stopRequested = true;
            break;
          }
        }
        progress.lag(source.lag(), assembler.size());
        if (records.isEmpty()) {
          assembler.takeUntrainableHead().ifPresent(this::consumeUntrainable);
          consumedOffsets.idle(progress.offsets());
        }
        publishStatus();
        // re-asked: a rollback inside the batch loop re-seeks the input
        if (source.exhausted() && assembler.size() == 0) {
          LOG.info("offline input exhausted after step {}", trainer.stepsTaken());
          break;
        }
      }
      if (!killed) {
        finalCheckpoint();
        progress.state("STOPPED");
      }
    } catch (IOException | CorruptCheckpointException | RuntimeException e) {
      LOG.error(
          "learner stopped by an error at step {}: {}", trainer.stepsTaken(), e.toString(), e);
      progress.failed(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("learner interrupted while paused at step {}", trainer.stepsTaken());
      progress.state("STOPPED");
    }
    publishStatus();
  }

  /**
   * Announces the restored policy again: a crash between writing a checkpoint and publishing it
   * would otherwise leave consumers on an older version until the next one (they ignore versions
   * they have seen).
   */
  private void republishRestoredPolicy() throws CorruptCheckpointException {
    if (progress.policyVersion() > 0) {
      publisher.publish(store.stored(ModelRole.POLICY, progress.policyVersion()), null);
    }
  }

  private void train(StepBatch batch) throws IOException, CorruptCheckpointException {
    List<PreferenceExample> replayed = replay.sample(config.replayPerStep());
    List<PreferenceExample> all = new ArrayList<>(batch.fresh());
    all.addAll(replayed);
    long before = trainer.stepsTaken();
    StepResult result = all.isEmpty() ? null : trainer.step(all);
    if (killed) {
      return;
    }
    progress.consumed(batch.offsetsThrough(), batch.skipped());
    batch.skipped().forEach(meters::skipped);
    meters.staleness(batch.staleness().buckets());
    if (result == null || (!result.nonFinite() && trainer.stepsTaken() == before)) {
      return; // nothing trainable: offsets advance, no step happened
    }
    boolean rollback = guard.record(result.nonFinite());
    ledger.add(
        new TrainingLedger.Step(
            trainer.stepsTaken(), ids(batch.fresh()), ids(replayed), result.nonFinite()));
    meters.step(batch.fresh().size(), result.nonFinite());
    progress.stepped(result, batch.fresh().size());
    if (!result.nonFinite()) {
      replay.addAll(batch.fresh());
    }
    if (result.merge().isPresent()) {
      onMerge(result.merge().get());
    }
    outbox.metrics(
        StepMetrics.of(
            config.learnerId(),
            trainer.stepsTaken(),
            progress.policyVersion(),
            progress.referenceVersion(),
            result,
            batch,
            replayed.size(),
            progress.drift(),
            guardDelta(),
            progress.frozen(),
            source.lag(),
            clock.instant()));
    if (rollback) {
      rollback();
    } else if (!result.nonFinite() && trainer.stepsTaken() % config.publishEvery() == 0) {
      checkpointPolicy();
    }
  }

  private void consumeUntrainable(StepBatch batch) {
    progress.consumed(batch.offsetsThrough(), batch.skipped());
    batch.skipped().forEach(meters::skipped);
  }

  /** δ of the drift guard, NaN when no guard runs (no reference updates, or the guard is off). */
  private double guardDelta() {
    ReferenceUpdateConfig reference = config.trainer().reference();
    return reference.tau() > 0 && reference.guardEnabled() ? reference.delta() : Double.NaN;
  }

  private static List<String> ids(List<PreferenceExample> examples) {
    return examples.stream().map(PreferenceExample::pairId).toList();
  }

  private void onMerge(MergeEvent merge) throws IOException {
    if (killed) {
      return;
    }
    long version = progress.nextReferenceVersion();
    Map<String, String> extra = new HashMap<>();
    extra.put("alpha", Double.toString(merge.alpha()));
    extra.put("drift", Double.toString(merge.drift()));
    extra.put("lag", Double.toString(merge.lag()));
    extra.put("frozen", Boolean.toString(merge.frozen()));
    extra.put("reinitialised", Boolean.toString(merge.reinitialised()));
    StoredCheckpoint stored =
        publisher.writeReference(
            trainer.reference(),
            version,
            progress.referenceVersion(),
            trainer.stepsTaken(),
            progress.offsets(),
            extra);
    progress.merged(merge, version, trainer.stepsTaken());
    double alpha = merge.alpha() > 0 ? merge.alpha() : config.trainer().reference().alpha();
    publisher.publish(
        stored,
        MergeInfo.newBuilder()
            .setAlpha(alpha)
            .setDrift(Double.isFinite(merge.drift()) ? merge.drift() : null)
            .setFrozen(merge.frozen())
            .build());
  }

  private void checkpointPolicy() throws IOException {
    if (killed) {
      return;
    }
    long version = progress.policyVersion() + 1;
    Map<String, Long> offsets = progress.offsets();
    StoredCheckpoint stored =
        publisher.writePolicy(
            trainer.policy(),
            version,
            trainer.stepsTaken(),
            progress.referenceVersion(),
            offsets,
            ledger.cut(version),
            optimizerState(),
            trainer.memory());
    progress.checkpointed(version, stored.name());
    rollbacksToCheckpoint = 0;
    consumedOffsets.checkpointed(offsets);
    publisher.publish(stored, null);
    prune();
  }

  /** Applies the retention; a failure is logged, never fatal (disk space is not correctness). */
  private void prune() {
    try {
      List<String> deleted =
          store.prune(
              config.retention(), version -> TrainerStateFiles.referenceVersion(store, version));
      if (!deleted.isEmpty()) {
        LOG.info("checkpoint retention {}: deleted {}", config.retention(), deleted);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("checkpoint retention could not prune {}: {}", store.root(), e.toString());
    }
  }

  private byte[] optimizerState() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    trainer.saveOptimizer(bytes);
    return bytes.toByteArray();
  }

  private void finalCheckpoint() throws IOException {
    if (ledger.isEmpty() && progress.offsets().equals(progress.checkpointOffsets())) {
      return;
    }
    checkpointPolicy();
  }

  private void rollback() throws IOException, CorruptCheckpointException {
    long version = store.latest(ModelRole.POLICY).getAsLong();
    if (++rollbacksToCheckpoint > MAX_ROLLBACKS) {
      throw new IllegalStateException(
          "training diverges again after "
              + MAX_ROLLBACKS
              + " rollbacks to policy v"
              + version
              + ": lower the learning rate or β, or turn on gradient clipping");
    }
    LOG.warn(
        "{} non-finite steps in a row: rolling back to policy v{} and re-reading its offsets",
        config.rollbackAfter(),
        version);
    meters.rollback();
    progress.rolledBack();
    restore(version);
  }

  private void publishStatus() {
    status.set(progress.snapshot(guard.total()));
  }

  /** Asks for a graceful stop: the current step finishes, then a final checkpoint is written. */
  void requestStop() {
    stopRequested = true;
  }

  /** Stops as a crash would: after the current step, without any further checkpoint or publish. */
  void kill() {
    killed = true;
  }
}
