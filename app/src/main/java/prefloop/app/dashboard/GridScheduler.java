package prefloop.app.dashboard;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides when to render sample grids. A grid of the default model costs seconds of CPU, so renders
 * run one at a time, start at least {@code minGap} apart and, so that they (and the sentinel that
 * judges them) take at most {@code cpuShare} of a core, at least the last render's CPU time ÷
 * {@code cpuShare} apart. Only the newest requested version waits: versions requested meanwhile are
 * skipped. Event-loop only.
 */
final class GridScheduler {

  /** Renders one grid; the future completes with its CPU time when it is stored (or failed). */
  interface Job {
    Future<Duration> render(String location, long version);
  }

  private final Vertx vertx;
  private final long minGapMillis;
  private final double cpuShare;
  private long gapMillis;
  private final LongSupplier clock;
  private final Job job;
  private String pendingLocation;
  private long pendingVersion = Long.MIN_VALUE;
  private long newestStarted = Long.MIN_VALUE;

  /** The render under way; null when none is. */
  private Future<Duration> inFlight;

  private long lastStart;
  private boolean started;
  private long timer = -1;

  GridScheduler(Vertx vertx, Duration minGap, double cpuShare, LongSupplier clock, Job job) {
    if (!(cpuShare > 0 && cpuShare <= 1)) {
      throw new IllegalArgumentException("cpuShare must be in (0, 1], was " + cpuShare);
    }
    this.vertx = vertx;
    this.minGapMillis = minGap.toMillis();
    this.cpuShare = cpuShare;
    this.gapMillis = minGapMillis;
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

  /**
   * Starts no more renders. Completes when the render under way, if any, has finished: it runs on a
   * worker thread and reads the scorer, so whoever stops the dashboard waits for it before closing
   * the scorer or Vert.x (a render that outlived Vert.x failed with "event executor terminated").
   */
  Future<Void> cancel() {
    if (timer != -1) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    pendingLocation = null;
    return inFlight == null
        ? Future.succeededFuture()
        : inFlight.transform(done -> Future.succeededFuture());
  }

  private void startIfDue() {
    if (inFlight != null || pendingLocation == null || timer != -1) {
      return;
    }
    long wait = started ? lastStart + gapMillis - clock.getAsLong() : 0;
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
    started = true;
    lastStart = clock.getAsLong();
    newestStarted = version;
    inFlight = job.render(location, version);
    inFlight.onComplete(
        done -> {
          inFlight = null;
          long cpuMillis = done.succeeded() ? done.result().toMillis() : 0;
          gapMillis = Math.max(minGapMillis, (long) (cpuMillis / cpuShare));
          startIfDue();
        });
  }
}
