package prefloop.rater.human;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Per-key token bucket: {@code perMinute} tokens of capacity, refilled continuously at {@code
 * perMinute / 60 s}; each label takes one. Thread-safe.
 */
public final class RateLimiter {
  private final double capacity;
  private final double perNano;
  private final LongSupplier nanoClock;
  private final Map<String, double[]> buckets = new HashMap<>();

  public RateLimiter(int perMinute, LongSupplier nanoClock) {
    this.capacity = perMinute;
    this.perNano = perMinute / 60e9;
    this.nanoClock = nanoClock;
  }

  /** Takes a token for {@code key}; false when its bucket is empty. */
  public synchronized boolean tryAcquire(String key) {
    long now = nanoClock.getAsLong();
    double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {capacity, now});
    bucket[0] = Math.min(capacity, bucket[0] + (now - bucket[1]) * perNano);
    bucket[1] = now;
    if (bucket[0] < 1) {
      return false;
    }
    bucket[0] -= 1;
    return true;
  }
}
