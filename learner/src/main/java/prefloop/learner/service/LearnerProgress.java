package prefloop.learner.service;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import prefloop.learner.core.MergeEvent;
import prefloop.learner.core.StepResult;

/**
 * The learner thread's running state (versions, offsets trained through, counters), from which it
 * publishes immutable {@link LearnerStatus} snapshots. Touched by the learner thread only.
 */
final class LearnerProgress {
  private final String learnerId;
  private final String device;
  private String state = "STARTING";
  private long step;
  private long policyVersion;
  private long referenceVersion;
  private long nextReferenceVersion = 1;
  private double loss = Double.NaN;
  private double implicitAccuracy = Double.NaN;
  private double drift = Double.NaN;
  private double referenceLag = Double.NaN;
  private boolean frozen;
  private long lastMergeStep = -1;
  private long lag = -1;
  private int pending;
  private long pairsTrained;
  private long deadLetters;
  private final Map<String, Long> skipped = new TreeMap<>();
  private long rollbacks;
  private String lastCheckpoint = "";
  private Map<String, Long> offsets = new HashMap<>();
  private Map<String, Long> checkpointOffsets = Map.of();
  private String error;

  LearnerProgress(String learnerId, String device) {
    this.learnerId = learnerId;
    this.device = device;
  }

  void restored(
      long restoredStep,
      long policy,
      long reference,
      long nextReference,
      Map<String, Long> restoredOffsets,
      String checkpoint) {
    step = restoredStep;
    policyVersion = policy;
    referenceVersion = reference;
    nextReferenceVersion = Math.max(nextReference, reference + 1);
    offsets = new HashMap<>(restoredOffsets);
    checkpointOffsets = Map.copyOf(restoredOffsets);
    lastCheckpoint = checkpoint;
  }

  void consumed(Map<String, Long> through, Map<String, Long> skippedByReason) {
    through.forEach((k, v) -> offsets.merge(k, v, Math::max));
    skippedByReason.forEach((k, v) -> skipped.merge(k, v, Long::sum));
  }

  void stepped(StepResult result, int freshPairs) {
    step = result.step();
    if (!result.nonFinite()) {
      loss = result.loss();
      implicitAccuracy = result.implicitAccuracy();
      pairsTrained += freshPairs;
    }
  }

  void merged(MergeEvent merge, long version, long atStep) {
    drift = merge.drift();
    referenceLag = merge.lag();
    frozen = merge.frozen();
    lastMergeStep = atStep;
    referenceVersion = version;
    nextReferenceVersion = version + 1;
  }

  void checkpointed(long version, String name) {
    policyVersion = version;
    lastCheckpoint = name;
    checkpointOffsets = Map.copyOf(offsets);
  }

  void deadLetter() {
    deadLetters++;
  }

  void rolledBack() {
    rollbacks++;
  }

  /** A requested rollback restored a policy trained against reference {@code reference}. */
  void rolledBackTo(long reference) {
    rollbacks++;
    referenceVersion = reference;
  }

  void lag(long sourceLag, int waiting) {
    lag = sourceLag;
    pending = waiting;
  }

  void state(String newState) {
    state = newState;
  }

  void failed(String why) {
    state = "FAILED";
    error = why;
  }

  long policyVersion() {
    return policyVersion;
  }

  long referenceVersion() {
    return referenceVersion;
  }

  long nextReferenceVersion() {
    return nextReferenceVersion;
  }

  double drift() {
    return drift;
  }

  boolean frozen() {
    return frozen;
  }

  Map<String, Long> offsets() {
    return Map.copyOf(offsets);
  }

  Map<String, Long> checkpointOffsets() {
    return checkpointOffsets;
  }

  LearnerStatus snapshot(long nonFiniteSteps) {
    return new LearnerStatus(
        learnerId,
        state,
        device,
        step,
        policyVersion,
        referenceVersion,
        loss,
        implicitAccuracy,
        drift,
        referenceLag,
        frozen,
        lastMergeStep,
        lag,
        pending,
        pairsTrained,
        deadLetters,
        skipped,
        nonFiniteSteps,
        rollbacks,
        lastCheckpoint,
        new TreeMap<>(offsets),
        error);
  }
}
