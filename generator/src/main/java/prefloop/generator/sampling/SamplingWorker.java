package prefloop.generator.sampling;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.diffusion.model.SampleGeometry;
import prefloop.generator.GeneratorMetrics;
import prefloop.schemas.threads.DaemonThreads;

/**
 * The one thread that touches the served model: sampling batches, HTTP {@code /generate} requests
 * and model swaps all run here, one task at a time, so a swap always falls between two batches and
 * the old model is closed only once nothing samples from it. Never the Vert.x event loop.
 */
public final class SamplingWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SamplingWorker.class);

  private final ScheduledExecutorService thread = DaemonThreads.scheduler("generator-sampler");
  private final GeneratorMetrics metrics;
  private ServingModel current;
  private volatile long version = -1;
  private volatile SampleGeometry geometry;
  private volatile String source = "";

  public SamplingWorker(GeneratorMetrics metrics) {
    this.metrics = metrics;
  }

  /**
   * Serves {@code next} from the next task on (closing the previous model); a model not newer than
   * the served one is closed instead. {@code receivedNanos} (System.nanoTime of the update's
   * arrival) times the swap.
   */
  public CompletableFuture<Boolean> install(ServingModel next, long receivedNanos) {
    return call(
        ignored -> {
          if (current != null && next.version() <= current.version()) {
            LOG.info("not installing {}: already serving v{}", next, current.version());
            next.close();
            return false;
          }
          ServingModel old = current;
          current = next;
          version = next.version();
          geometry = next.model().geometry();
          source = next.source();
          metrics.swapped(next.version(), Duration.ofNanos(System.nanoTime() - receivedNanos));
          if (old != null) {
            old.close();
            LOG.info("now serving {} (was v{})", next, old.version());
          } else {
            LOG.info("now serving {}", next);
          }
          return true;
        });
  }

  /** Runs {@code task} with the served model on the sampling thread (model null if none yet). */
  public <T> CompletableFuture<T> call(Function<ServingModel, T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      thread.execute(
          () -> {
            try {
              result.complete(task.apply(current));
            } catch (RuntimeException | Error e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new IllegalStateException("the generator is shutting down", e));
    }
    return result;
  }

  /** Queues {@code task} behind the waiting ones (after {@code delayMillis} when positive). */
  public void later(Runnable task, long delayMillis) {
    try {
      if (delayMillis > 0) {
        thread.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
      } else {
        thread.execute(task);
      }
    } catch (RejectedExecutionException e) {
      LOG.debug("sampling thread stopped; task dropped");
    }
  }

  /** The served model; only on the sampling thread. */
  ServingModel current() {
    return current;
  }

  /** Version of the served model, −1 before the first. */
  public long version() {
    return version;
  }

  /** Architecture of the served model, null before the first. */
  public SampleGeometry geometry() {
    return geometry;
  }

  /** Where the served weights came from. */
  public String source() {
    return source;
  }

  public boolean loaded() {
    return version >= 0;
  }

  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
