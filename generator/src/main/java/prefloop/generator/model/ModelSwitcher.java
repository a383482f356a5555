package prefloop.generator.model;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.generator.GeneratorMetrics;
import prefloop.generator.sampling.SamplingWorker;
import prefloop.generator.sampling.ServingModel;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.ModelUpdate;

/**
 * Acts on ModelUpdates of the followed role: versions not above the highest seen are ignored; newer
 * ones are fetched and verified on a loader thread (never the event loop or the sampling thread),
 * then installed by the {@link SamplingWorker} between two batches. A refused checkpoint is logged
 * with its reason and counted ({@code generator_checkpoint_rejected_total{reason}}); the served
 * model stays.
 */
public final class ModelSwitcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelSwitcher.class);

  private final ModelRole follow;
  private final CheckpointFetcher fetcher;
  private final SamplingWorker worker;
  private final GeneratorMetrics metrics;
  private final ExecutorService loader =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "generator-loader");
            thread.setDaemon(true);
            return thread;
          });
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
    loader.execute(() -> load(update, received));
  }

  private void load(ModelUpdate update, long received) {
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
      metrics.checkpointRejected(e.reason().tag());
      lastRejection = "v" + update.getVersion() + ": " + e.getMessage();
      LOG.warn(
          "rejected {} v{} from {}: {}; still serving v{}",
          follow,
          update.getVersion(),
          update.getUri(),
          e.getMessage(),
          worker.version());
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
    loader.shutdownNow();
    try {
      loader.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
