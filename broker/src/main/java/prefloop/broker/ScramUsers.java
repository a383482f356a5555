package prefloop.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;

/**
 * SCRAM credentials of the SASL listener's users. In KRaft they live in the cluster's metadata, as
 * {@code kafka-configs.sh --alter --add-config 'SCRAM-SHA-512=[password=…]'} would write them.
 */
final class ScramUsers {
  static final List<ScramMechanism> MECHANISMS =
      List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512);
  // Kafka's minimum for both mechanisms is 4096
  private static final int ITERATIONS = 8192;

  private ScramUsers() {}

  /** The mechanisms' names as Kafka's settings spell them (SCRAM-SHA-256, SCRAM-SHA-512). */
  static List<String> mechanismNames() {
    return MECHANISMS.stream().map(ScramMechanism::mechanismName).toList();
  }

  /**
   * Creates or replaces each user's credentials for both mechanisms, through the broker's own
   * PLAINTEXT listener at {@code bootstrap}, and waits until the broker describes them all.
   */
  static void create(String bootstrap, Map<String, String> users, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      // one request per mechanism: a request may alter each user only once
      for (ScramMechanism mechanism : MECHANISMS) {
        List<UserScramCredentialAlteration> upserts = new ArrayList<>();
        for (Map.Entry<String, String> user : users.entrySet()) {
          upserts.add(
              new UserScramCredentialUpsertion(
                  user.getKey(), new ScramCredentialInfo(mechanism, ITERATIONS), user.getValue()));
        }
        admin
            .alterUserScramCredentials(upserts)
            .all()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      while (!allDescribed(admin, users.keySet())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the broker at " + bootstrap + " never showed the SCRAM users " + users.keySet());
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating SCRAM users", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "could not create SCRAM users on " + bootstrap + ": " + e.getMessage(), e);
    }
  }

  private static boolean allDescribed(Admin admin, Set<String> users) throws InterruptedException {
    try {
      Map<String, UserScramCredentialsDescription> described =
          admin.describeUserScramCredentials(List.copyOf(users)).all().get();
      return described.values().stream()
          .allMatch(d -> d.credentialInfos().size() == MECHANISMS.size());
    } catch (ExecutionException e) {
      return false; // a user not yet known to the broker: ResourceNotFoundException
    }
  }
}
