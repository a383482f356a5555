package prefloop.reliability;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling until a condition holds, failing with what was awaited. */
final class Await {
  private Await() {}

  static void until(String what, Duration timeout, BooleanSupplier condition) {
    until(what, timeout, condition, () -> "");
  }

  /** As {@link #until(String, Duration, BooleanSupplier)}, saying {@code state} on a timeout. */
  static void until(
      String what, Duration timeout, BooleanSupplier condition, Supplier<Object> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + timeout + " waiting for " + what + "; now " + state.get());
      }
      sleep(Duration.ofMillis(200));
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
