package prefloop.rater.human;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Per-key token buckets (Bucket4j): {@code perMinute} tokens of capacity, refilled greedily at
 * {@code perMinute} a minute; each label takes one. The buckets live in a bounded cache (Caffeine)
 * that forgets a key idle for {@link #IDLE}, by which time its bucket would be full again anyway,
 * so a flood of new names or addresses cannot grow memory without bound. Thread-safe.
 */
public final class RateLimiter {
  /** A key idle this long has a full bucket again, so forgetting it changes nothing. */
  static final Duration IDLE = Duration.ofMinutes(2);

  /** Most keys kept; beyond it the least recently used one starts again with a full bucket. */
  static final long MAX_KEYS = 100_000;

  private final int perMinute;
  private final TimeMeter meter;
  private final Cache<String, Bucket> buckets;

  /**
   * @param perMinute labels a key may give in a minute, and in a burst
   * @param nanoClock the time in nanoseconds ({@code System::nanoTime}; a fake one in tests)
   */
  public RateLimiter(int perMinute, LongSupplier nanoClock) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("labels per minute must be ≥ 1, was " + perMinute);
    }
    this.perMinute = perMinute;
    this.meter =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return nanoClock.getAsLong();
          }

          @Override
          public boolean isWallClockBased() {
            return false;
          }
        };
    this.buckets =
        Caffeine.newBuilder()
            .expireAfterAccess(IDLE)
            .maximumSize(MAX_KEYS)
            .ticker(nanoClock::getAsLong)
            .build();
  }

  /** Takes a token for {@code key}; false when its bucket is empty. */
  public boolean tryAcquire(String key) {
    return buckets.get(key, k -> newBucket()).tryConsume(1);
  }

  /** Keys currently remembered (approximate; for tests and metrics). */
  long keys() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
        .withCustomTimePrecision(meter)
        .build();
  }
}
