package prefloop.learner.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.function.Supplier;

/**
 * The learner's Prometheus meters ({@code /metrics}): counters of steps, pairs trained, dead
 * letters, skipped preferences, non-finite steps and rollbacks; gauges of the last status; a
 * summary of staleness.
 */
public final class LearnerMeters {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter steps;
  private final Counter pairsTrained;
  private final Counter deadLetters;
  private final Counter nonFinite;
  private final Counter rollbacks;
  private final DistributionSummary staleness;

  public LearnerMeters(String learnerId, Supplier<LearnerStatus> status) {
    registry.config().commonTags("learner", learnerId);
    steps = counter("prefloop.learner.steps", "optimiser steps");
    pairsTrained = counter("prefloop.learner.pairs.trained", "fresh pairs that carried gradient");
    deadLetters = counter("prefloop.learner.dead.letters", "records sent to the dead-letter topic");
    nonFinite = counter("prefloop.learner.nonfinite.steps", "steps skipped for NaN/Inf");
    rollbacks = counter("prefloop.learner.rollbacks", "rollbacks to the last good checkpoint");
    staleness =
        DistributionSummary.builder("prefloop.learner.staleness")
            .description("policy versions a preference lags the learner")
            .serviceLevelObjectives(0.5, 1.5, 2.5, 4.5, 8.5, 16.5)
            .register(registry);
    gauge("prefloop.learner.loss", () -> status.get().loss());
    gauge("prefloop.learner.implicit.accuracy", () -> status.get().implicitAccuracy());
    gauge("prefloop.learner.drift", () -> status.get().drift());
    gauge("prefloop.learner.reference.lag", () -> status.get().referenceLag());
    gauge("prefloop.learner.reference.frozen", () -> status.get().frozen() ? 1 : 0);
    gauge("prefloop.learner.policy.version", () -> status.get().policyVersion());
    gauge("prefloop.learner.reference.version", () -> status.get().referenceVersion());
    gauge("prefloop.learner.lag", () -> status.get().lag());
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  private void gauge(String name, Supplier<Number> value) {
    Gauge.builder(name, value).register(registry);
  }

  public void step(int pairs, boolean skippedNonFinite) {
    if (skippedNonFinite) {
      nonFinite.increment();
    } else {
      steps.increment();
      pairsTrained.increment(pairs);
    }
  }

  public void staleness(List<Long> histogram) {
    for (int s = 0; s < histogram.size(); s++) {
      for (long n = 0; n < histogram.get(s); n++) {
        staleness.record(s);
      }
    }
  }

  public void skipped(String reason, long count) {
    registry.counter("prefloop.learner.skipped", "reason", reason).increment(count);
  }

  public void deadLetter() {
    deadLetters.increment();
  }

  public void rollback() {
    rollbacks.increment();
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }
}
