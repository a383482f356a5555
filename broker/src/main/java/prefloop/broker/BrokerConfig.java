package prefloop.broker;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import prefloop.schemas.Topics;

/**
 * How to run the embedded broker.
 *
 * @param dataDir where Kafka keeps its logs; null for a temporary directory deleted on close
 * @param port PLAINTEXT port on 127.0.0.1, in [0, 65535]; 0 picks a free one
 * @param topicPrefix prefix of our topic names (see {@code prefloop.schemas.Topics})
 * @param partitions partitions of the work-sharing topics, in [1, 1000]
 * @param saslUsers user → password of a second listener, SASL_PLAINTEXT with the PLAIN,
 *     SCRAM-SHA-256 and SCRAM-SHA-512 mechanisms, where ACLs apply (Kafka's StandardAuthorizer:
 *     nothing is allowed without an ACL, except to the super user {@value #ADMIN}); empty for none.
 *     The PLAINTEXT listener stays on loopback for the broker's own use and is not subject to ACLs.
 * @param tls a mutual-TLS listener where the same ACLs apply; null for none
 */
@RecordBuilder
public record BrokerConfig(
    Path dataDir,
    int port,
    String topicPrefix,
    int partitions,
    Map<String, String> saslUsers,
    BrokerTls tls)
    implements BrokerConfigBuilder.With {
  /** The super user of the SASL listener: it may do anything, including managing ACLs. */
  public static final String ADMIN = "admin";

  public BrokerConfig {
    saslUsers = saslUsers == null ? Map.of() : Map.copyOf(saslUsers);
    if (!saslUsers.isEmpty() && !saslUsers.containsKey(ADMIN)) {
      throw new IllegalArgumentException(
          "SASL users must include '" + ADMIN + "', the super user that manages ACLs");
    }
    for (String user : saslUsers.keySet()) {
      if (!user.matches("[A-Za-z0-9_.-]{1,64}")) {
        throw new IllegalArgumentException(
            "SASL user names are 1-64 of [A-Za-z0-9_.-], was " + user);
      }
    }
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
    return new BrokerConfig(null, 0, Topics.DEFAULT_PREFIX, 3, Map.of(), null);
  }

  public Optional<Path> persistentDir() {
    return Optional.ofNullable(dataDir);
  }

  /** Without SASL users or TLS: the PLAINTEXT listener only. */
  public BrokerConfig(Path dataDir, int port, String topicPrefix, int partitions) {
    this(dataDir, port, topicPrefix, partitions, Map.of(), null);
  }

  /** Whether a listener authenticates clients, so that ACLs apply there. */
  public boolean secured() {
    return !saslUsers.isEmpty() || tls != null;
  }
}
