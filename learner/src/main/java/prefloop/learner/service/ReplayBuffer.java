package prefloop.learner.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import prefloop.learner.core.PreferenceExample;

/**
 * The most recent {@code capacity} trained pairs (a ring), from which each step may add a few
 * replayed pairs. Replays are extra gradient on pairs already trained once; they are recorded as
 * "replayed" in the ledger, apart from the fresh pairs whose exactly-once the checkpoints
 * guarantee.
 */
public final class ReplayBuffer {
  private final int capacity;
  private final List<PreferenceExample> ring;
  private final Random random;
  private int next;

  public ReplayBuffer(int capacity, long seed) {
    if (capacity < 0) {
      throw new IllegalArgumentException("replay capacity must be >= 0, was " + capacity);
    }
    this.capacity = capacity;
    this.ring = new ArrayList<>(capacity);
    this.random = new Random(seed);
  }

  /** Remembers trained pairs, evicting the oldest beyond capacity. */
  public void addAll(List<PreferenceExample> trained) {
    if (capacity == 0) {
      return;
    }
    for (PreferenceExample example : trained) {
      if (ring.size() < capacity) {
        ring.add(example);
      } else {
        ring.set(next, example);
      }
      next = (next + 1) % capacity;
    }
  }

  /** Up to {@code count} distinct remembered pairs, uniformly without replacement. */
  public List<PreferenceExample> sample(int count) {
    int n = Math.min(count, ring.size());
    List<PreferenceExample> pool = new ArrayList<>(ring);
    List<PreferenceExample> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int j = i + random.nextInt(pool.size() - i);
      PreferenceExample picked = pool.get(j);
      pool.set(j, pool.get(i));
      result.add(picked);
    }
    return result;
  }

  public int size() {
    return ring.size();
  }

  public void clear() {
    ring.clear();
    next = 0;
  }
}
