package prefloop.schemas.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

  @Test
  void namedThreadsAreDaemonsWithTheName() {
    Thread thread = DaemonThreads.named("prefloop-test").newThread(() -> {});
    assertThat(thread.isDaemon()).isTrue();
    assertThat(thread.getName()).isEqualTo("prefloop-test");
  }

  @Test
  void numberedThreadsCountFromOne() {
    ThreadFactory factory = DaemonThreads.numbered("pass");
    assertThat(factory.newThread(() -> {}).getName()).isEqualTo("pass-1");
    Thread second = factory.newThread(() -> {});
    assertThat(second.getName()).isEqualTo("pass-2");
    assertThat(second.isDaemon()).isTrue();
  }

  @Test
  void stopNowInterruptsTheRunningTaskAndWaitsForIt() throws Exception {
    ScheduledExecutorService scheduler = DaemonThreads.scheduler("prefloop-sleeper");
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    scheduler.execute(
        () -> {
          running.countDown();
          try {
            Thread.sleep(60_000);
          } catch (InterruptedException e) {
            interrupted.countDown();
          }
        });
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

    DaemonThreads.stopNow(scheduler, Duration.ofSeconds(5));

    assertThat(interrupted.getCount()).isZero();
    assertThat(scheduler.isTerminated()).isTrue();
  }
}
