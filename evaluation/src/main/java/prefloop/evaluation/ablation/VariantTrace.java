package prefloop.evaluation.ablation;

import java.util.List;
import prefloop.learner.core.MergeEvent;

/**
 * How one configuration trained.
 *
 * @param name the variant
 * @param steps optimiser steps taken
 * @param nonFinite steps skipped for NaN/Inf
 * @param pairsTrained pairs that carried gradient, summed over steps
 * @param seconds wall time of training (sampling of the online mode included)
 * @param loss per step, the loss (NaN when skipped)
 * @param implicitAccuracy per step, the implicit accuracy
 * @param merges every τ boundary: the reference's lag D(p_θ, p_ref) before it, D(p_ref, p_init) of
 *     the candidate, α applied, frozen
 * @param finalDrift D(p_θ, p_init) of the final policy on the stream's first preferred images: how
 *     far it moved from the base, in the guard's units
 */
public record VariantTrace(
    String name,
    long steps,
    long nonFinite,
    long pairsTrained,
    double seconds,
    double[] loss,
    double[] implicitAccuracy,
    List<MergeEvent> merges,
    double finalDrift) {

  public VariantTrace {
    merges = List.copyOf(merges);
  }

  /** Mean of {@code values} over the last quarter of the steps (at least one), NaNs skipped. */
  public static double tailMean(double[] values) {
    int from = values.length - Math.max(1, values.length / 4);
    double sum = 0;
    int n = 0;
    for (int i = Math.max(0, from); i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        sum += values[i];
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** The largest D logged at a merge (NaN without merges). */
  public double maxMergeDrift() {
    return merges.stream().mapToDouble(MergeEvent::drift).max().orElse(Double.NaN);
  }

  /** The D logged at the last merge (NaN without merges). */
  public double lastMergeDrift() {
    return merges.isEmpty() ? Double.NaN : merges.get(merges.size() - 1).drift();
  }

  /** The mean lag D(p_θ, p_ref) over the τ boundaries (NaN without merges). */
  public double meanLag() {
    return merges.stream().mapToDouble(MergeEvent::lag).average().orElse(Double.NaN);
  }

  /** τ boundaries at which the guard held the reference frozen. */
  public long frozenMerges() {
    return merges.stream().filter(MergeEvent::frozen).count();
  }
}
