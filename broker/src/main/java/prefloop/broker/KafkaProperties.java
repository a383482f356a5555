package prefloop.broker;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** Server properties of a single-node KRaft broker (combined broker and controller). */
final class KafkaProperties {
  private KafkaProperties() {}

  static Properties combined(Path logDir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    // A static quorum: the voter is read from config at every start, so a persistent data dir
    // survives the controller port changing between runs.
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.setProperty(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.setProperty("log.dirs", logDir.toString());
    p.setProperty("num.partitions", "1");
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("offsets.topic.replication.factor", "1");
    // One partition of internal topics: starts faster and a single node gains nothing from more.
    p.setProperty("offsets.topic.num.partitions", "1");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "1");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    return p;
  }

  /**
   * Adds a SASL_PLAINTEXT listener on {@code saslPort} with the PLAIN mechanism for {@code users}
   * (user → password) and the two SCRAM mechanisms, whose credentials live in the cluster's
   * metadata ({@link ScramUsers} creates them once the broker runs).
   */
  static void addSasl(Properties p, int saslPort, Map<String, String> users) {
    addListener(p, "SASL_PLAINTEXT", saslPort);
    p.setProperty(
        "sasl.enabled.mechanisms", "PLAIN," + String.join(",", ScramUsers.mechanismNames()));
    StringBuilder jaas =
        new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
    for (Map.Entry<String, String> user : new TreeMap<>(users).entrySet()) {
      jaas.append(" user_").append(user.getKey()).append("=\"").append(user.getValue()).append('"');
    }
    p.setProperty(
        "listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.append(';').toString());
    for (String mechanism : ScramUsers.mechanismNames()) {
      p.setProperty(
          "listener.name.sasl_plaintext."
              + mechanism.toLowerCase(Locale.ROOT)
              + ".sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    }
  }

  /**
   * Adds an SSL listener on {@code tlsPort} that requires a client certificate; a client's
   * principal is its certificate's common name.
   */
  static void addTls(Properties p, int tlsPort, BrokerTls tls) {
    addListener(p, "SSL", tlsPort);
    String prefix = "listener.name.ssl.";
    p.setProperty(prefix + "ssl.keystore.type", "PKCS12");
    p.setProperty(prefix + "ssl.keystore.location", tls.keystore().toAbsolutePath().toString());
    p.setProperty(prefix + "ssl.keystore.password", tls.keystorePassword());
    p.setProperty(prefix + "ssl.key.password", tls.keystorePassword());
    p.setProperty(prefix + "ssl.truststore.type", "PKCS12");
    p.setProperty(prefix + "ssl.truststore.location", tls.truststore().toAbsolutePath().toString());
    p.setProperty(prefix + "ssl.truststore.password", tls.truststorePassword());
    p.setProperty(prefix + "ssl.client.auth", "required");
    p.setProperty("ssl.principal.mapping.rules", "RULE:^CN=([^,]+).*$/$1/,DEFAULT");
  }

  /**
   * Kafka's ACL authorizer: the broker itself (ANONYMOUS on PLAINTEXT and CONTROLLER) and {@code
   * admin} are super users, everyone else needs an ACL.
   */
  static void enforceAcls(Properties p, String admin) {
    p.setProperty(
        "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    p.setProperty("super.users", "User:ANONYMOUS;User:" + admin);
    p.setProperty("allow.everyone.if.no.acl.found", "false");
  }

  private static void addListener(Properties p, String protocol, int port) {
    String listener = protocol + "://127.0.0.1:" + port;
    p.setProperty("listeners", p.getProperty("listeners") + "," + listener);
    p.setProperty("advertised.listeners", p.getProperty("advertised.listeners") + "," + listener);
    p.setProperty(
        "listener.security.protocol.map",
        p.getProperty("listener.security.protocol.map") + "," + protocol + ":" + protocol);
  }
}
