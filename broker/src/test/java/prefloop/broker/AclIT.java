package prefloop.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import prefloop.broker.ServiceAcls.Service;
import prefloop.schemas.Topics;

/**
 * Only the rater service may write {@code preferences}, and each service may do only what the ACL
 * table of docs/KAFKA_SECURITY.md grants it: the embedded broker with a SASL listener (PLAIN and
 * SCRAM) and a mutual-TLS listener, ACLs enforced on both (issue 17).
 */
class AclIT {
  private static final Map<String, String> USERS =
      Map.of(
          BrokerConfig.ADMIN,
          "admin-secret",
          "rater",
          "rater-secret",
          "generator",
          "gen-secret",
          "learner",
          "learner-secret");

  @TempDir static Path certificatesDir;
  private static TestCertificates certificates;
  private static EmbeddedKafka kafka;
  private static Topics topics;

  @BeforeAll
  static void startSecuredBroker() throws Exception {
    certificates =
        TestCertificates.make(certificatesDir, List.of(BrokerConfig.ADMIN, "rater", "generator"));
    kafka =
        EmbeddedKafka.start(
            BrokerConfig.ephemeral()
                .withTopicPrefix("acl.")
                .withSaslUsers(USERS)
                .withTls(certificates.brokerTls()));
    topics = kafka.topics();
    List<AclBinding> acls = new ArrayList<>();
    acls.addAll(ServiceAcls.of(Service.GENERATOR, "generator", topics));
    acls.addAll(ServiceAcls.of(Service.RATER, "rater", topics));
    acls.addAll(ServiceAcls.of(Service.LEARNER, "learner", topics));
    try (Admin admin = Admin.create(sasl("PLAIN", BrokerConfig.ADMIN, "admin-secret"))) {
      admin.createAcls(acls).all().get();
      awaitAcls(admin, acls.size());
    }
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static Map<String, Object> sasl(String mechanism, String user, String password) {
    String module =
        mechanism.equals("PLAIN")
            ? "org.apache.kafka.common.security.plain.PlainLoginModule"
            : "org.apache.kafka.common.security.scram.ScramLoginModule";
    Map<String, Object> config = new HashMap<>();
    config.put("bootstrap.servers", kafka.saslBootstrapServers());
    config.put("security.protocol", "SASL_PLAINTEXT");
    config.put("sasl.mechanism", mechanism);
    config.put(
        "sasl.jaas.config",
        module + " required username=\"" + user + "\" password=\"" + password + "\";");
    return config;
  }

  private static Map<String, Object> scram(String user) {
    return sasl("SCRAM-SHA-512", user, USERS.get(user));
  }

  private static void write(Map<String, Object> client, String topic) throws Exception {
    Map<String, Object> config = new HashMap<>(client);
    config.put("max.block.ms", 10_000);
    config.put("delivery.timeout.ms", 15_000);
    config.put("request.timeout.ms", 5_000);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, new byte[] {0}, new byte[] {1})).get();
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  /** Reads {@code topic} from the start in {@code group} until a record arrives (10 s at most). */
  private static int read(Map<String, Object> client, String topic, String group) {
    Map<String, Object> config = new HashMap<>(client);
    config.put("group.id", group);
    config.put("auto.offset.reset", "earliest");
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      int records = 0;
      while (records == 0 && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> ignored : consumer.poll(Duration.ofMillis(200))) {
          records++;
        }
      }
      return records;
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

  @ParameterizedTest
  @ValueSource(strings = {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"})
  void onlyTheRaterMayWritePreferences(String mechanism) throws Exception {
    String preferences = topics.preferences().name();

    write(sasl(mechanism, "rater", "rater-secret"), preferences);
    assertThatThrownBy(() -> write(sasl(mechanism, "generator", "gen-secret"), preferences))
        .isInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> write(sasl(mechanism, "rater", "wrong"), preferences))
        .isInstanceOf(SaslAuthenticationException.class);
    assertThat(kafka.bootstrapServers()).isNotEqualTo(kafka.saslBootstrapServers());
  }

  @Test
  void overMutualTlsThePrincipalIsTheCertificatesCommonName() throws Exception {
    String tls = kafka.tlsBootstrapServers();
    String preferences = topics.preferences().name();

    write(certificates.client(tls, "rater"), preferences);
    assertThatThrownBy(() -> write(certificates.client(tls, "generator"), preferences))
        .isInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> write(certificates.client(tls, null), preferences))
        .isInstanceOf(SslAuthenticationException.class);
  }

  @Test
  void eachServiceMayDoOnlyWhatItsGrantsSay() throws Exception {
    write(scram("generator"), topics.pairs().name());
    write(scram("learner"), topics.modelUpdates().name());
    write(scram("learner"), topics.metrics().name());
    assertThat(read(scram("rater"), topics.pairs().name(), ServiceAcls.RATER_GROUP)).isPositive();
    assertThat(read(scram("generator"), topics.modelUpdates().name(), ServiceAcls.GENERATOR_GROUP))
        .isPositive();

    assertThatThrownBy(() -> write(scram("rater"), topics.modelUpdates().name()))
        .isInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> write(scram("learner"), topics.preferences().name()))
        .isInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> write(scram("generator"), topics.prompts().name()))
        .isInstanceOf(TopicAuthorizationException.class);
    // the generator may see how far behind the learner is, not read the labels
    assertThatThrownBy(
            () ->
                read(scram("generator"), topics.preferences().name(), ServiceAcls.GENERATOR_GROUP))
        .isInstanceOf(TopicAuthorizationException.class);
    assertThatThrownBy(() -> read(scram("rater"), topics.pairs().name(), ServiceAcls.LEARNER_GROUP))
        .isInstanceOf(GroupAuthorizationException.class);
  }
}
