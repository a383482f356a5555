package prefloop.generator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The generator's Prometheus metrics: {@code generator_pairs_published_total}, {@code
 * generator_images_total}, {@code generator_images_per_second} (over the last batch), {@code
 * generator_publish_failures_total}, {@code generator_swap_seconds} (update received → swapped in),
 * {@code generator_checkpoint_rejected_total{reason}}, {@code generator_paused}, {@code
 * generator_backlog}, {@code generator_model_version}. Thread-safe.
 */
public final class GeneratorMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter pairsPublished;
  private final Counter images;
  private final Counter publishFailures;
  private final Timer swap;
  private final AtomicLong paused = new AtomicLong();
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicLong version = new AtomicLong(-1);
  private final AtomicLong imagesPerSecondBits = new AtomicLong(Double.doubleToLongBits(0));

  public GeneratorMetrics() {
    pairsPublished = counter("generator.pairs.published", "pairs acknowledged by Kafka");
    images = counter("generator.images", "images sampled");
    publishFailures = counter("generator.publish.failures", "pairs Kafka did not acknowledge");
    swap =
        Timer.builder("generator.swap")
            .description("from a ModelUpdate received to the new model serving")
            .publishPercentiles(0.5, 0.95)
            .register(registry);
    gauge("generator.paused", paused, "1 while backpressure holds production");
    gauge("generator.backlog", backlog, "rater lag on pairs + learner lag on preferences");
    gauge("generator.model.version", version, "version of the model being sampled");
    Gauge.builder("generator.images.per.second", this, GeneratorMetrics::imagesPerSecond)
        .description("sampling throughput of the last batch")
        .register(registry);
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  private void gauge(String name, AtomicLong value, String description) {
    Gauge.builder(name, value, AtomicLong::get).description(description).register(registry);
  }

  public void pairPublished() {
    pairsPublished.increment();
  }

  public void publishFailed() {
    publishFailures.increment();
  }

  /** A batch of {@code count} images took {@code elapsed}. */
  public void sampled(int count, Duration elapsed) {
    images.increment(count);
    double rate = count / Math.max(1e-9, elapsed.toNanos() / 1e9);
    imagesPerSecondBits.set(Double.doubleToLongBits(rate));
  }

  public void swapped(long newVersion, Duration latency) {
    version.set(newVersion);
    swap.record(latency);
  }

  public void serving(long servingVersion) {
    version.set(servingVersion);
  }

  /** A checkpoint was refused; {@code reason} is a short lower-case code. */
  public void checkpointRejected(String reason) {
    Counter.builder("generator.checkpoint.rejected")
        .description("ModelUpdates whose checkpoint was refused")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  public void backpressure(boolean isPaused, long currentBacklog) {
    paused.set(isPaused ? 1 : 0);
    backlog.set(currentBacklog);
  }

  public double pairsPublished() {
    return pairsPublished.count();
  }

  public double imagesPerSecond() {
    return Double.longBitsToDouble(imagesPerSecondBits.get());
  }

  public double rejected(String reason) {
    Counter counter =
        registry.find("generator.checkpoint.rejected").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }
}
