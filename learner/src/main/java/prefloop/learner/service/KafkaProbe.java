package prefloop.learner.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Whether the broker answers: a cluster description requested now and then, never blocking. */
final class KafkaProbe implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaProbe.class);
  private static final int TIMEOUT_MS = 5_000;

  private final Admin admin;
  private final AtomicBoolean reachable = new AtomicBoolean();

  KafkaProbe(String bootstrapServers) {
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS));
  }

  /** Starts one probe; its answer updates {@link #reachable()} on a Kafka client thread. */
  void probe() {
    admin
        .describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
        .clusterId()
        .whenComplete(
            (id, error) -> {
              boolean ok = error == null;
              if (reachable.getAndSet(ok) != ok) {
                LOG.info(
                    "Kafka {}", ok ? "reachable (cluster " + id + ")" : "unreachable: " + error);
              }
            });
  }

  boolean reachable() {
    return reachable.get();
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
