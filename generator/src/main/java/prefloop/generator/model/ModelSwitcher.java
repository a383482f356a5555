package prefloop.generator.model;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.generator.GeneratorMetrics;
import prefloop.generator.sampling.SamplingWorker;
import prefloop.generator.sampling.ServingModel;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.ModelUpdate;
import prefloop.schemas.threads.DaemonThreads;

/**
 * Acts on ModelUpdates of the followed role: versions not above the highest seen are ignored; newer
 * ones are fetched and verified on a loader thread (never the event loop or the sampling thread),
 * then installed by the {@link SamplingWorker} between two batches. A refused checkpoint is logged
 * with its reason and counted once ({@code generator_checkpoint_rejected_total{reason}}); the
 * served model stays.
 *
 * <p>An announced checkpoint that cannot be reached (the learner's server not up yet after a
 * restart, a network blip) is retried with exponential backoff until it loads or a newer version is
 * announced: dropping it would serve the older model until the next broadcast. Corrupt, tampered or
 * incompatible checkpoints are not retried.
 */
public final class ModelSwitcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelSwitcher.class);

  private final ModelRole follow;
  private final CheckpointFetcher fetcher;
  private final SamplingWorker worker;
  private final GeneratorMetrics metrics;

  /** First retry delay of an unreachable checkpoint; it doubles up to {@link #RETRY_MAX}. */
  static final Duration RETRY_FIRST = Duration.ofMillis(250);

  static final Duration RETRY_MAX = Duration.ofSeconds(30);

  private final ScheduledExecutorService loader = DaemonThreads.scheduler("generator-loader");
  private long highestSeen;
  private volatile String lastRejection = "";

  public ModelSwitcher(
      ModelRole follow,
      CheckpointFetcher fetcher,
      SamplingWorker worker,
      GeneratorMetrics metrics,
      long baseVersion) {
    this.follow = follow;
    this.fetcher = fetcher;
    this.worker = worker;
    this.metrics = metrics;
    this.highestSeen = baseVersion;
  }

  /** Handles one update (any role; other roles are ignored). */
  public void onUpdate(ModelUpdate update) {
    if (update.getRole() != follow) {
      return;
    }
    long received = System.nanoTime();
    synchronized (this) {
      if (update.getVersion() <= highestSeen) {
        LOG.debug("ignoring {} v{}: not above v{}", follow, update.getVersion(), highestSeen);
        return;
      }
      highestSeen = update.getVersion();
    }
    LOG.info("{} v{} announced at {}; loading", follow, update.getVersion(), update.getUri());
    RetryPolicy<Object> whileUnreachable =
        RetryPolicy.builder()
            .handleIf(ModelSwitcher::unreachable)
            .withBackoff(RETRY_FIRST, RETRY_MAX)
            .withMaxRetries(-1)
            .onRetryScheduled(
                event ->
                    LOG.info(
                        "{} v{} unreachable (attempt {}); retrying in {} ms",
                        follow,
                        update.getVersion(),
                        event.getAttemptCount(),
                        event.getDelay().toMillis()))
            .build();
    AtomicInteger attempts = new AtomicInteger();
    Failsafe.with(whileUnreachable)
        .with(loader)
        .runAsync(() -> load(update, received, attempts.incrementAndGet()));
  }

  private static boolean unreachable(Throwable failure) {
    return failure instanceof CheckpointRejectedException rejected
        && rejected.reason() == RejectReason.UNREACHABLE;
  }

  /** One attempt; a refusal is counted in the metrics on the first attempt only. */
  private void load(ModelUpdate update, long received, int attempt)
      throws CheckpointRejectedException {
    synchronized (this) {
      if (update.getVersion() < highestSeen) {
        LOG.info("skipping {} v{}: v{} is newer", follow, update.getVersion(), highestSeen);
        return;
      }
    }
    try {
      ServingModel model = fetcher.fetch(update, worker.geometry());
      worker.install(model, received).join();
    } catch (CheckpointRejectedException e) {
      if (attempt == 1) {
        metrics.checkpointRejected(e.reason().tag());
      }
      lastRejection = "v" + update.getVersion() + ": " + e.getMessage();
      LOG.warn(
          "rejected {} v{} from {}: {}; still serving v{}",
          follow,
          update.getVersion(),
          update.getUri(),
          e.getMessage(),
          worker.version());
      throw e;
    } catch (RuntimeException e) {
      metrics.checkpointRejected("install_failed");
      lastRejection = "v" + update.getVersion() + ": " + e;
      LOG.error("could not install {} v{}: {}", follow, update.getVersion(), e.toString(), e);
    }
  }

  /** The last refusal, for /status ("" if none). */
  public String lastRejection() {
    return lastRejection;
  }

  @Override
  public void close() {
    DaemonThreads.stopNow(loader, Duration.ofSeconds(30));
  }
}
