package prefloop.schemas.threads;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named daemon threads for a service's helpers: they never keep the JVM alive, and a thread dump
 * names them.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** Daemon threads all named {@code name}. */
  public static ThreadFactory named(String name) {
    return task -> daemon(task, name);
  }

  /** Daemon threads named {@code prefix-1}, {@code prefix-2}, … */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> daemon(task, prefix + "-" + count.incrementAndGet());
  }

  /** One daemon thread named {@code name} that runs scheduled and queued tasks in turn. */
  public static ScheduledExecutorService scheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(named(name));
  }

  /**
   * Interrupts the executor's running task, drops queued ones and waits up to {@code wait} for it
   * to end; an interrupt while waiting is kept on the calling thread.
   */
  public static void stopNow(ExecutorService executor, Duration wait) {
    executor.shutdownNow();
    try {
      executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
