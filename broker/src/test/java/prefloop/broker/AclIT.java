package prefloop.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Only the rater service may write {@code preferences}: the embedded broker with a SASL listener
 * and ACLs (issue 17; the settings for a real cluster are in docs/KAFKA_SECURITY.md).
 */
class AclIT {
  private static final Map<String, String> USERS =
      Map.of(
          BrokerConfig.ADMIN, "admin-secret", "rater", "rater-secret", "generator", "gen-secret");

  private static Map<String, Object> sasl(String bootstrap, String user, String password) {
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrap);
    config.put("security.protocol", "SASL_PLAINTEXT");
    config.put("sasl.mechanism", "PLAIN");
    config.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + user
            + "\" password=\""
            + password
            + "\";");
    return config;
  }

  private static void write(String bootstrap, String user, String password, String topic)
      throws Exception {
    Map<String, Object> config = sasl(bootstrap, user, password);
    config.put("max.block.ms", 10_000);
    config.put("delivery.timeout.ms", 15_000);
    config.put("request.timeout.ms", 5_000);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, new byte[] {1})).get();
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  /**
   * Waits until the broker's authorizer holds {@code count} ACLs: a created ACL reaches it through
   * the metadata log a moment after {@code createAcls} returns.
   */
  static void awaitAcls(Admin admin, int count) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (admin.describeAcls(AclBindingFilter.ANY).values().get().size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the broker never showed the " + count + " ACLs created");
      }
      Thread.sleep(50);
    }
  }

  @Test
  void onlyTheRaterMayWritePreferences() throws Exception {
    try (EmbeddedKafka kafka =
        EmbeddedKafka.start(
            BrokerConfig.ephemeral().withTopicPrefix("acl.").withSaslUsers(USERS))) {
      String sasl = kafka.saslBootstrapServers();
      String preferences = kafka.topics().preferences().name();
      try (Admin admin = Admin.create(sasl(sasl, BrokerConfig.ADMIN, "admin-secret"))) {
        ResourcePattern topic =
            new ResourcePattern(ResourceType.TOPIC, preferences, PatternType.LITERAL);
        admin
            .createAcls(
                List.of(
                    new AclBinding(
                        topic,
                        new AccessControlEntry(
                            "User:rater", "*", AclOperation.WRITE, AclPermissionType.ALLOW))))
            .all()
            .get();
        awaitAcls(admin, 1);
      }

      write(sasl, "rater", "rater-secret", preferences);
      assertThatThrownBy(() -> write(sasl, "generator", "gen-secret", preferences))
          .isInstanceOf(TopicAuthorizationException.class);
      assertThatThrownBy(() -> write(sasl, "rater", "wrong", preferences))
          .isInstanceOf(SaslAuthenticationException.class);
      assertThat(kafka.bootstrapServers()).isNotEqualTo(sasl);
    }
  }
}
