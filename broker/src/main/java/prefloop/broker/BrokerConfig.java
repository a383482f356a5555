package prefloop.broker;

import java.nio.file.Path;
import java.util.Optional;
import prefloop.schemas.Topics;

/**
 * How to run the embedded broker.
 *
 * @param dataDir where Kafka keeps its logs; null for a temporary directory deleted on close
 * @param port PLAINTEXT port on 127.0.0.1, in [0, 65535]; 0 picks a free one
 * @param topicPrefix prefix of our topic names (see {@code prefloop.schemas.Topics})
 * @param partitions partitions of the work-sharing topics, in [1, 1000]
 */
public record BrokerConfig(Path dataDir, int port, String topicPrefix, int partitions) {
  public BrokerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "broker port must be in [0, 65535] (0 = free), was " + port);
    }
    if (topicPrefix == null) {
      throw new IllegalArgumentException("topic prefix must be set (default 'prefloop.')");
    }
    if (partitions < 1 || partitions > 1000) {
      throw new IllegalArgumentException("partitions must be in [1, 1000], was " + partitions);
    }
  }

  /** A throwaway broker on a free port with the default topic prefix. */
  public static BrokerConfig ephemeral() {
    return new BrokerConfig(null, 0, Topics.DEFAULT_PREFIX, 3);
  }

  public Optional<Path> persistentDir() {
    return Optional.ofNullable(dataDir);
  }

  public BrokerConfig withDataDir(Path dir) {
    return new BrokerConfig(dir, port, topicPrefix, partitions);
  }

  public BrokerConfig withPort(int newPort) {
    return new BrokerConfig(dataDir, newPort, topicPrefix, partitions);
  }

  public BrokerConfig withTopicPrefix(String prefix) {
    return new BrokerConfig(dataDir, port, prefix, partitions);
  }
}
