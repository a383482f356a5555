package prefloop.schemas.kafka;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The two options every service that talks to Kafka takes, as a picocli mixin, so that they are
 * named, defaulted and configured by {@code PREFLOOP_BOOTSTRAP_SERVERS} and {@code
 * PREFLOOP_TOPIC_PREFIX} the same way in each.
 */
public final class KafkaOptions {
  /** Where a service looks for Kafka unless told otherwise. */
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";

  @Option(
      names = {"--bootstrap-servers", "--bootstrap"},
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String bootstrapServers = DEFAULT_BOOTSTRAP_SERVERS;

  @Mixin TopicPrefixOption topicPrefix = new TopicPrefixOption();

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String topicPrefix() {
    return topicPrefix.prefix();
  }
}
