package prefloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.broker.BrokerConfig;
import prefloop.broker.EmbeddedKafka;
import prefloop.broker.ServiceAcls;
import prefloop.broker.ServiceAcls.Service;
import prefloop.broker.TopicReader;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.GeneratedPair;

/**
 * The whole loop against a broker that authenticates (SASL) and authorises (ACLs): every Kafka
 * client of every service takes its security settings from {@code prefloop.kafka.*} (as it would
 * from {@code PREFLOOP_KAFKA_*} in the environment), and the ACLs docs/KAFKA_SECURITY.md lists per
 * service are enough for pairs, preferences and a policy update to flow.
 */
class SecuredKafkaIT {
  private static final String PREFIX = "sec.";
  private static final String USER = "loop";
  private static final String PASSWORD = "loop-secret";

  @TempDir Path dir;

  @AfterEach
  void clear() {
    for (String name : List.of("security.protocol", "sasl.mechanism", "sasl.jaas.config")) {
      System.clearProperty("prefloop.kafka." + name);
    }
  }

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  @Test
  void theLoopRunsOverSaslWithTheDocumentedAcls() throws Exception {
    try (EmbeddedKafka kafka =
        EmbeddedKafka.start(
            BrokerConfig.ephemeral()
                .withTopicPrefix(PREFIX)
                .withSaslUsers(Map.of(BrokerConfig.ADMIN, "admin-secret", USER, PASSWORD)))) {
      try (Admin admin =
          Admin.create(
              Map.of(
                  "bootstrap.servers",
                  kafka.saslBootstrapServers(),
                  "security.protocol",
                  "SASL_PLAINTEXT",
                  "sasl.mechanism",
                  "PLAIN",
                  "sasl.jaas.config",
                  jaas(BrokerConfig.ADMIN, "admin-secret")))) {
        List<AclBinding> acls = loopAcls(USER);
        admin.createAcls(acls).all().get();
        // a created ACL reaches the broker's authorizer through the metadata log a moment later
        LoopFixtures.await(
            () -> aclCount(admin) >= acls.size(),
            "the broker to hold the ACLs",
            Duration.ofSeconds(10));
      }
      System.setProperty("prefloop.kafka.security.protocol", "SASL_PLAINTEXT");
      System.setProperty("prefloop.kafka.sasl.mechanism", "PLAIN");
      System.setProperty("prefloop.kafka.sasl.jaas.config", jaas(USER, PASSWORD));

      Path base = LoopFixtures.smallBase(dir.resolve("base"));
      LoopPlan plan =
          LoopFixtures.fastPlan(kafka.saslBootstrapServers(), PREFIX, base, dir.resolve("run"));
      try (LocalLoop loop = LocalLoop.start(plan)) {
        // the test reads over the broker's own PLAINTEXT listener (its reader takes no settings)
        try (TopicReader<GeneratedPair> pairs =
            new TopicReader<>(kafka.bootstrapServers(), Topics.withPrefix(PREFIX).pairs())) {
          LoopFixtures.await(
              () -> pairs.poll().stream().anyMatch(p -> p.getPolicyVersion() >= 1),
              "a pair from policy v1: pairs, preferences and a model update went over SASL",
              Duration.ofMinutes(4));
        }
        assertThat(loop.learner().learner().orElseThrow().status().pairsTrained()).isPositive();
      }
    }
  }

  private static int aclCount(Admin admin) {
    try {
      return admin.describeAcls(AclBindingFilter.ANY).values().get().size();
    } catch (Exception e) {
      return -1;
    }
  }

  /**
   * The grants of docs/KAFKA_SECURITY.md for every service ({@code ServiceAcls}), given to the one
   * principal that runs them all here: enough for the real services' Kafka calls. That each
   * service's own grants keep the others' writes out is {@code broker/…/AclIT}'s part.
   */
  private static List<AclBinding> loopAcls(String principal) {
    Topics topics = Topics.withPrefix(PREFIX);
    List<AclBinding> acls = new ArrayList<>();
    for (Service service : Service.values()) {
      acls.addAll(ServiceAcls.of(service, principal, topics));
    }
    return acls.stream().distinct().toList(); // the broker keeps one of each
  }
}
