package prefloop.learner.service;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts of preferences by staleness s = v_learner − v_pair (policy versions): bucket i counts s =
 * i for i ≤ maxStaleness, and the last bucket (index maxStaleness + 1) counts s > maxStaleness.
 */
public final class StalenessHistogram {
  private final long[] counts;

  public StalenessHistogram(int maxStaleness) {
    if (maxStaleness < 0) {
      throw new IllegalArgumentException("maxStaleness must be >= 0, was " + maxStaleness);
    }
    this.counts = new long[maxStaleness + 2];
  }

  /** Counts one preference; negative staleness (a pair from a newer policy) counts as 0. */
  public void add(int staleness) {
    counts[Math.min(Math.max(staleness, 0), counts.length - 1)]++;
  }

  public long total() {
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    return sum;
  }

  /** The buckets, as the LearnerMetrics.staleness_histogram field wants them. */
  public List<Long> buckets() {
    List<Long> result = new ArrayList<>(counts.length);
    for (long c : counts) {
      result.add(c);
    }
    return result;
  }
}
