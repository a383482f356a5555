package prefloop.rater.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/** The rater's Prometheus meters. One instance per service (no global registry). */
public final class RaterMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter pairsScored =
      Counter.builder("rater_pairs_scored")
          .description("Pairs scored by the ensemble")
          .register(registry);
  private final Counter modelPreferences = preferences("MODEL");
  private final Counter humanPreferences = preferences("HUMAN");
  private final Counter jsonPreferences = preferences("JSON");
  private final Counter deadLetters =
      Counter.builder("rater_dead_letters")
          .description("Records sent to the dead-letter topic")
          .register(registry);
  private final Counter duplicates =
      Counter.builder("rater_duplicate_pairs")
          .description("Pairs skipped because their id was already rated")
          .register(registry);
  private final Timer scoreLatency =
      Timer.builder("rater_score_latency")
          .description("Time to score one batch of pairs")
          .publishPercentiles(0.5, 0.95)
          .register(registry);

  private Counter preferences(String source) {
    return Counter.builder("rater_preferences_published")
        .tag("source", source)
        .description("Preferences published")
        .register(registry);
  }

  public void pairsScored(int n) {
    pairsScored.increment(n);
  }

  public void modelPreference() {
    modelPreferences.increment();
  }

  public void humanPreference() {
    humanPreferences.increment();
  }

  public void jsonPreference() {
    jsonPreferences.increment();
  }

  public void deadLetter() {
    deadLetters.increment();
  }

  public void duplicate() {
    duplicates.increment();
  }

  public void scoreLatency(Duration duration) {
    scoreLatency.record(duration);
  }

  public double pairsScored() {
    return pairsScored.count();
  }

  public double deadLetters() {
    return deadLetters.count();
  }

  public double preferencesPublished() {
    return modelPreferences.count() + humanPreferences.count() + jsonPreferences.count();
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}
