package prefloop.learner.service;

import java.util.ArrayList;
import java.util.List;

/**
 * Which pairs went into the weights, step by step, since the parent checkpoint. Saved as {@value
 * #FILE_NAME} next to each policy checkpoint; following parent versions back to version 0 lists
 * every pair in the weights' lineage.
 *
 * @param parentVersion the policy checkpoint these steps start from
 * @param steps the steps taken since then, in order
 */
public record TrainingLedger(long parentVersion, List<Step> steps) {
  public static final String FILE_NAME = "ledger.json";

  public TrainingLedger {
    steps = List.copyOf(steps);
  }

  /**
   * One step.
   *
   * @param step learner step number
   * @param fresh pair ids read from the input and trained for the first time
   * @param replayed pair ids replayed from the buffer (trained before)
   * @param nonFinite the trainer skipped the step (NaN/Inf): the fresh pairs got no gradient
   */
  public record Step(long step, List<String> fresh, List<String> replayed, boolean nonFinite) {
    public Step {
      fresh = List.copyOf(fresh);
      replayed = List.copyOf(replayed);
    }
  }

  /** Accumulates steps until the next checkpoint. */
  public static final class Builder {
    private long parentVersion;
    private final List<Step> steps = new ArrayList<>();

    public Builder(long parentVersion) {
      this.parentVersion = parentVersion;
    }

    public void add(Step step) {
      steps.add(step);
    }

    public boolean isEmpty() {
      return steps.isEmpty();
    }

    /** The ledger so far; then starts afresh from {@code newParent}. */
    public TrainingLedger cut(long newParent) {
      TrainingLedger ledger = new TrainingLedger(parentVersion, steps);
      steps.clear();
      parentVersion = newParent;
      return ledger;
    }

    /** Forgets the steps since the parent (rollback or restart to {@code parent}). */
    public void reset(long parent) {
      steps.clear();
      parentVersion = parent;
    }
  }
}
