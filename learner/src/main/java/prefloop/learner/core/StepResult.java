package prefloop.learner.core;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one {@link PreferenceTrainer#step}.
 *
 * @param step steps taken after this one (a skipped step does not count)
 * @param loss weighted mean of −log σ(inside) (+ the anchor term), NaN if nothing was trained
 * @param implicitAccuracy fraction of used pairs with inside &gt; 0
 * @param meanMargin mean of inside over used pairs
 * @param pairsUsed pairs that carried gradient
 * @param pairsIgnored pairs dropped (weight 0, wrong image size, prompt outside the vocabulary,
 *     missing trajectories for D3PO); on a non-finite step every pair counts as ignored
 * @param nonFinite the step was skipped because the loss or a gradient was NaN/Inf
 * @param merge what the reference updater did, when this step was a τ boundary
 * @param bins per-bin statistics after this step
 * @param stepMillis wall time of the step
 */
public record StepResult(
    long step,
    double loss,
    double implicitAccuracy,
    double meanMargin,
    int pairsUsed,
    int pairsIgnored,
    boolean nonFinite,
    Optional<MergeEvent> merge,
    List<BinStats> bins,
    double stepMillis) {

  public StepResult {
    bins = List.copyOf(bins);
  }

  /** A step in which nothing was trained: no usable pair, or a non-finite loss or gradient. */
  static StepResult untrained(
      long step, int pairsIgnored, boolean nonFinite, List<BinStats> bins, double stepMillis) {
    return new StepResult(
        step,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        0,
        pairsIgnored,
        nonFinite,
        Optional.empty(),
        bins,
        stepMillis);
  }
}
