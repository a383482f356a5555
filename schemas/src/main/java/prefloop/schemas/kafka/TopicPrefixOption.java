package prefloop.schemas.kafka;

import picocli.CommandLine.Option;
import prefloop.schemas.Topics;

/**
 * {@code --topic-prefix} as a picocli mixin, so that every command names, defaults and reads it
 * from {@code PREFLOOP_TOPIC_PREFIX} the same way.
 */
public final class TopicPrefixOption {
  @Option(
      names = "--topic-prefix",
      paramLabel = "P",
      description = "Prefix of the topic names (default: ${DEFAULT-VALUE}).")
  String prefix = Topics.DEFAULT_PREFIX;

  public String prefix() {
    return prefix;
  }
}
