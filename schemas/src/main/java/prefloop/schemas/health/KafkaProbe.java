package prefloop.schemas.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.schemas.KafkaSecurity;

/**
 * Whether the broker answers, for a service's {@code /health}: call {@link #probe()} now and then
 * (a timer); the answer arrives on a Kafka client thread and {@link #reachable()} never blocks.
 * Unreachable until the first answer.
 */
public final class KafkaProbe implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaProbe.class);
  private static final int TIMEOUT_MS = 5_000;

  private final String service;
  private final Admin admin;
  private final AtomicBoolean reachable = new AtomicBoolean();

  /** A probe of the brokers at {@code bootstrapServers}; {@code service} names it in the log. */
  public KafkaProbe(String service, String bootstrapServers) {
    this.service = service;
    this.admin =
        Admin.create(
            KafkaSecurity.with(
                Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS)));
  }

  /** Starts one cluster description; its outcome updates {@link #reachable()}. */
  public void probe() {
    admin
        .describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
        .clusterId()
        .whenComplete(
            (id, error) -> {
              boolean ok = error == null;
              if (reachable.getAndSet(ok) != ok) {
                LOG.info(
                    "{}: Kafka {}",
                    service,
                    ok ? "reachable (cluster " + id + ")" : "unreachable: " + error);
              }
            });
  }

  /** The last answer: true when the broker described its cluster. */
  public boolean reachable() {
    return reachable.get();
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
