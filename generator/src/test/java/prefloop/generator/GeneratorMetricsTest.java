package prefloop.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GeneratorMetricsTest {

  @Test
  void theScrapeNamesAndDescribesEveryMeter() {
    GeneratorMetrics metrics = new GeneratorMetrics();
    metrics.pairPublished();
    metrics.publishFailed();
    metrics.sampled(4, Duration.ofSeconds(2));
    metrics.backpressure(true, 7);
    metrics.serving(3);

    assertThat(metrics.scrape())
        .contains(
            "# HELP generator_pairs_published_total pairs acknowledged by Kafka",
            "generator_pairs_published_total 1.0",
            "generator_publish_failures_total 1.0",
            "# HELP generator_images_total images sampled",
            "generator_images_total 4.0",
            "generator_images_per_second 2.0",
            "# HELP generator_paused 1 while backpressure holds production",
            "generator_paused 1.0",
            "generator_backlog 7.0",
            "generator_model_version 3.0");
  }
}
