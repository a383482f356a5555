package prefloop.broker;

import java.nio.file.Path;
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
   * (user → password), and Kafka's ACL authorizer: the broker itself (ANONYMOUS on PLAINTEXT and
   * CONTROLLER) and {@code admin} are super users, everyone else needs an ACL.
   */
  static void addSasl(Properties p, int saslPort, Map<String, String> users, String admin) {
    p.setProperty(
        "listeners", p.getProperty("listeners") + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
    p.setProperty(
        "advertised.listeners",
        p.getProperty("advertised.listeners") + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort);
    p.setProperty(
        "listener.security.protocol.map",
        p.getProperty("listener.security.protocol.map") + ",SASL_PLAINTEXT:SASL_PLAINTEXT");
    p.setProperty("sasl.enabled.mechanisms", "PLAIN");
    StringBuilder jaas =
        new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
    for (Map.Entry<String, String> user : new TreeMap<>(users).entrySet()) {
      jaas.append(" user_").append(user.getKey()).append("=\"").append(user.getValue()).append('"');
    }
    p.setProperty(
        "listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.append(';').toString());
    p.setProperty(
        "authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    p.setProperty("super.users", "User:ANONYMOUS;User:" + admin);
    p.setProperty("allow.everyone.if.no.acl.found", "false");
  }
}
