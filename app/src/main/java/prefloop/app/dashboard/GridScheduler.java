package prefloop.app.dashboard;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides when to render sample grids. A grid of the default model costs tens of seconds of CPU, so
 * renders run one at a time, start at least {@code minGap} apart, and only the newest requested
 * version waits: versions requested meanwhile are skipped. Event-loop only.
 */
final class GridScheduler {

  /** Renders one grid; the future completes when it is stored (or failed). */
  interface Job {
    Future<?> render(String location, long version);
  }

  private final Vertx vertx;
  private final long minGapMillis;
  private final LongSupplier clock;
  private final Job job;
  private String pendingLocation;
  private long pendingVersion = Long.MIN_VALUE;
  private long newestStarted = Long.MIN_VALUE;
  private boolean busy;
  private long lastStart;
  private boolean started;
  private long timer = -1;

  GridScheduler(Vertx vertx, Duration minGap, LongSupplier clock, Job job) {
    this.vertx = vertx;
    this.minGapMillis = minGap.toMillis();
    this.clock = clock;
    this.job = job;
  }

  /** Asks for the grid of {@code version}; ignored when a newer one is rendered or waiting. */
  void request(String location, long version) {
    if (version <= newestStarted || version <= pendingVersion) {
      return;
    }
    pendingLocation = location;
    pendingVersion = version;
    startIfDue();
  }

  void cancel() {
    if (timer != -1) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    pendingLocation = null;
  }

  private void startIfDue() {
    if (busy || pendingLocation == null || timer != -1) {
      return;
    }
    long wait = started ? lastStart + minGapMillis - clock.getAsLong() : 0;
    if (wait > 0) {
      timer =
          vertx.setTimer(
              wait,
              id -> {
                timer = -1;
                startIfDue();
              });
      return;
    }
    String location = pendingLocation;
    long version = pendingVersion;
    pendingLocation = null;
    busy = true;
    started = true;
    lastStart = clock.getAsLong();
    newestStarted = version;
    job.render(location, version)
        .onComplete(
            done -> {
              busy = false;
              startIfDue();
            });
  }
}
