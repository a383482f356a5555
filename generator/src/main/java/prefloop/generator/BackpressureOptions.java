package prefloop.generator;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Every setting of {@link BackpressureConfig} as command-line options: a picocli mixin. */
public final class BackpressureOptions {

  @Option(
      names = "--max-backlog",
      defaultValue = "64",
      description =
          "Pause while unrated pairs plus untrained preferences reach this; 0 = unbounded"
              + " (default: ${DEFAULT-VALUE}).")
  long maxBacklog;

  @Option(
      names = "--max-lag",
      defaultValue = "0",
      description = "Pairs per learner broadcast; 0 = off (default: ${DEFAULT-VALUE}).")
  long maxLag;

  @Option(names = "--rater-group", defaultValue = "prefloop-rater")
  String raterGroup;

  @Option(names = "--learner-group", defaultValue = "prefloop-learner")
  String learnerGroup;

  @Option(
      names = "--backpressure-poll-ms",
      defaultValue = "1000",
      description = "How often the consumer lags are read, in ms (default: ${DEFAULT-VALUE}).")
  long pollMillis;

  /** The validated config of these options. */
  public BackpressureConfig config() {
    return new BackpressureConfig(
        maxBacklog, maxLag, raterGroup, learnerGroup, Duration.ofMillis(pollMillis));
  }
}
