package prefloop.rater.human;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final RateLimiter limiter = new RateLimiter(3, nanos::get);

  private void advanceSeconds(long seconds) {
    nanos.addAndGet(seconds * 1_000_000_000L);
  }

  @Test
  void aKeyMayBurstItsMinuteThenGetsOneLabelPerRefill() {
    assertThat(limiter.tryAcquire("ann")).isTrue();
    assertThat(limiter.tryAcquire("ann")).isTrue();
    assertThat(limiter.tryAcquire("ann")).isTrue();
    assertThat(limiter.tryAcquire("ann")).isFalse();

    advanceSeconds(19);
    assertThat(limiter.tryAcquire("ann")).as("3 a minute: one token per 20 s").isFalse();
    advanceSeconds(1);
    assertThat(limiter.tryAcquire("ann")).isTrue();
    assertThat(limiter.tryAcquire("ann")).isFalse();
  }

  @Test
  void keysHaveTheirOwnBuckets() {
    for (int i = 0; i < 3; i++) {
      limiter.tryAcquire("ann");
    }
    assertThat(limiter.tryAcquire("ann")).isFalse();
    assertThat(limiter.tryAcquire("10.0.0.7")).isTrue();
  }

  @Test
  void idleKeysAreForgottenSoNewNamesCannotGrowMemoryForever() {
    for (int i = 0; i < 50; i++) {
      limiter.tryAcquire("name-" + i);
    }
    assertThat(limiter.keys()).isEqualTo(50);

    advanceSeconds(RateLimiter.IDLE.toSeconds() + 1);

    assertThat(limiter.keys()).isZero();
    assertThat(limiter.tryAcquire("name-0")).as("forgotten with a full bucket").isTrue();
  }

  @Test
  void aLimitBelowOneIsRefused() {
    assertThatThrownBy(() -> new RateLimiter(0, nanos::get)).hasMessageContaining("≥ 1");
  }
}
