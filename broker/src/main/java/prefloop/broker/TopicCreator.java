package prefloop.broker;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.schemas.KafkaSecurity;
import prefloop.schemas.Topics;

/** Waits until a broker answers, then creates whichever of our topics it lacks. Idempotent. */
public final class TopicCreator {
  private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

  private TopicCreator() {}

  /**
   * Waits (up to {@code timeout}) for the broker at {@code bootstrap}, then creates topics; the
   * client uses the {@link KafkaSecurity} settings of this process.
   */
  public static void awaitAndCreate(String bootstrap, Topics topics, Duration timeout) {
    awaitAndCreate(bootstrap, topics, timeout, KafkaSecurity.settings());
  }

  /**
   * As above, with {@code security} as the client's security settings (none for our own broker).
   */
  static void awaitAndCreate(
      String bootstrap, Topics topics, Duration timeout, Map<String, String> security) {
    Map<String, Object> conf = new HashMap<>(security);
    conf.putAll(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            (int) timeout.toMillis(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            10_000));
    try (Admin admin = Admin.create(conf)) {
      admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      create(admin, topics, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics on " + bootstrap, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "Kafka at " + bootstrap + " did not become ready within " + timeout + ": " + e, e);
    }
  }

  private static void create(Admin admin, Topics topics, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing =
        admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    List<NewTopic> missing =
        topics.all().stream()
            .filter(t -> !existing.contains(t.name()))
            .map(t -> t.newTopic((short) 1))
            .toList();
    if (missing.isEmpty()) {
      LOG.debug("all {} topics exist", topics.all().size());
      return;
    }
    for (Map.Entry<String, KafkaFuture<Void>> created :
        admin.createTopics(missing).values().entrySet()) {
      try {
        created.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    LOG.info("created topics {}", missing.stream().map(NewTopic::name).toList());
  }
}
