package prefloop.app;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a resource exactly once, whoever asks first: the end of a {@code --minutes} budget or the
 * Ctrl-C shutdown hook. The loser of the race waits until the winner has finished, so the JVM does
 * not exit halfway through the final checkpoint.
 */
final class ShutdownOnce implements AutoCloseable {
  private final AutoCloseable resource;
  private final AtomicBoolean started = new AtomicBoolean();
  private final Object done = new Object();
  private boolean finished;

  ShutdownOnce(AutoCloseable resource) {
    this.resource = resource;
  }

  @Override
  public void close() throws Exception {
    if (!started.compareAndSet(false, true)) {
      awaitFinished();
      return;
    }
    try {
      resource.close();
    } finally {
      synchronized (done) {
        finished = true;
        done.notifyAll();
      }
    }
  }

  /** {@link #close()} for a shutdown hook: reports a failure instead of throwing it. */
  void closeQuietly() {
    try {
      close();
    } catch (Exception e) {
      System.err.println("error while stopping: " + e);
    }
  }

  private void awaitFinished() throws InterruptedException {
    synchronized (done) {
      while (!finished) {
        done.wait();
      }
    }
  }
}
