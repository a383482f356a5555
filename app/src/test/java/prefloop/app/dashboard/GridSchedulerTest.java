package prefloop.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GridSchedulerTest {
  private final Vertx vertx = Vertx.vertx();
  private final AtomicLong now = new AtomicLong(0);
  private final List<Long> started = new CopyOnWriteArrayList<>();
  private final List<Promise<Duration>> running = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    vertx.close();
  }

  private Future<Duration> job(String location, long version) {
    started.add(version);
    Promise<Duration> promise = Promise.promise();
    running.add(promise);
    return promise.future();
  }

  /** Gives the scheduler's timer up to 5 s to start a second render. */
  private void awaitSecondStart() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (started.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  @Test
  void rendersOneAtATimeAndOnlyTheNewestWaitingVersion() {
    GridScheduler scheduler = new GridScheduler(vertx, Duration.ZERO, 1.0, now::get, this::job);

    scheduler.request("base", 0);
    scheduler.request("v1", 1);
    scheduler.request("v2", 2);
    scheduler.request("v1 again", 1);
    assertThat(started).containsExactly(0L);

    running.get(0).complete(Duration.ZERO);
    assertThat(started).containsExactly(0L, 2L);
    running.get(1).complete(Duration.ZERO);
    scheduler.request("v2 again", 2);
    assertThat(started).containsExactly(0L, 2L);
  }

  /** A render that outlived the dashboard's stop failed on a closed Vert.x at the end of a run. */
  @Test
  void cancellingWaitsForTheRenderUnderWayAndStartsNoOther() {
    GridScheduler scheduler = new GridScheduler(vertx, Duration.ZERO, 1.0, now::get, this::job);
    scheduler.request("v1", 1);
    scheduler.request("v2", 2);

    Future<Void> cancelled = scheduler.cancel();
    assertThat(cancelled.isComplete()).as("v1 is still rendering").isFalse();

    running.get(0).fail(new IllegalStateException("the render failed"));
    assertThat(cancelled.succeeded()).isTrue();
    assertThat(started).containsExactly(1L);
    assertThat(scheduler.cancel().succeeded()).as("nothing under way").isTrue();
  }

  @Test
  void waitsTheMinimumGapBetweenStarts() throws Exception {
    GridScheduler scheduler =
        new GridScheduler(vertx, Duration.ofMillis(300), 1.0, now::get, this::job);

    scheduler.request("v1", 1);
    running.get(0).complete(Duration.ZERO);
    now.set(100);
    scheduler.request("v2", 2);
    assertThat(started).containsExactly(1L);

    now.set(300);
    awaitSecondStart();
    assertThat(started).containsExactly(1L, 2L);
  }

  @Test
  void rendersNoMoreOftenThanTheirCpuShareAllows() throws Exception {
    // a render that took 100 ms of CPU, at a share of 10 %: the next starts 1 s after it
    GridScheduler scheduler = new GridScheduler(vertx, Duration.ZERO, 0.10, now::get, this::job);

    scheduler.request("v1", 1);
    running.get(0).complete(Duration.ofMillis(100));
    now.set(500);
    scheduler.request("v2", 2);
    Thread.sleep(200);
    assertThat(started).containsExactly(1L);

    now.set(1_000);
    awaitSecondStart();
    assertThat(started).containsExactly(1L, 2L);
  }
}
