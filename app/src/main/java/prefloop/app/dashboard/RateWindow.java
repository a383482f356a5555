package prefloop.app.dashboard;

import java.util.ArrayDeque;

/**
 * Events per second over a sliding window of whole seconds: {@code rate(now) = n / W}, where n
 * counts the events recorded in the W one-second buckets ending with the bucket of {@code now} (the
 * current, partial second included). Memory is at most W + 1 buckets. Not thread-safe.
 */
final class RateWindow {
  private final int windowSeconds;
  private final ArrayDeque<long[]> buckets = new ArrayDeque<>();

  /** A window of {@code windowSeconds} ≥ 1 seconds. */
  RateWindow(int windowSeconds) {
    if (windowSeconds < 1) {
      throw new IllegalArgumentException("windowSeconds must be >= 1, was " + windowSeconds);
    }
    this.windowSeconds = windowSeconds;
  }

  /** Records {@code count} events at {@code nowMillis}. */
  void add(long nowMillis, long count) {
    long second = Math.floorDiv(nowMillis, 1000);
    long[] last = buckets.peekLast();
    if (last != null && last[0] == second) {
      last[1] += count;
    } else {
      buckets.addLast(new long[] {second, count});
    }
    evict(second);
  }

  /** Events per second in the window ending at {@code nowMillis}. */
  double rate(long nowMillis) {
    long second = Math.floorDiv(nowMillis, 1000);
    evict(second);
    long events = 0;
    for (long[] bucket : buckets) {
      events += bucket[1];
    }
    return (double) events / windowSeconds;
  }

  private void evict(long currentSecond) {
    while (!buckets.isEmpty() && buckets.peekFirst()[0] <= currentSecond - windowSeconds) {
      buckets.removeFirst();
    }
  }
}
