package prefloop.learner.service;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.schemas.KafkaSecurity;

/**
 * One learner per model. The lease is the single partition of the model's model-updates topic,
 * assigned by Kafka's group coordinator to one member of the group {@code <topic>.learner-lease}:
 * whoever holds it may train and publish. A second learner joins the group, is assigned nothing,
 * and gives up after {@code wait}; a learner that dies stops heartbeating and the coordinator hands
 * the partition to a waiting one once its session expires ({@link #SESSION_TIMEOUT}). A graceful
 * stop leaves the group, so a restart takes the lease at once; after a crash the restart waits for
 * the dead member's session to expire.
 *
 * <p>The sticky cooperative assignor keeps the partition with its holder when others join, so a
 * newcomer cannot steal a live learner's lease. The holder polls on its own thread. If the
 * coordinator takes the lease away (the holder stalled past its session, or the broker was away
 * that long), {@link #held()} turns false at once, so nothing is published, and the holder tries to
 * get it back; if another learner has it after {@link #GRACE}, {@code onLost} runs and the learner
 * stops.
 */
public final class LearnerLease implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LearnerLease.class);

  /** How long a dead learner keeps the lease (the group session timeout). */
  public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

  /** How long a holder that lost the lease tries to get it back before giving up. */
  public static final Duration GRACE = SESSION_TIMEOUT.multipliedBy(3);

  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String group;
  private volatile boolean held;
  private volatile boolean joined;
  private volatile boolean running = true;
  private Runnable onLost = () -> {};
  private boolean lostForGood;
  private long lostAt = -1;
  private Thread keeper;

  private LearnerLease(String bootstrap, String topic, String learnerId) {
    this.group = groupOf(topic);
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, learnerId + "-lease");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis());
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
    props.put(
        ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        List.of(CooperativeStickyAssignor.class.getName()));
    this.consumer =
        new KafkaConsumer<>(
            KafkaSecurity.with(props), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic), new Listener());
  }

  /** The consumer group that holds the lease of the model announced on {@code topic}. */
  public static String groupOf(String modelUpdatesTopic) {
    return modelUpdatesTopic + ".learner-lease";
  }

  /**
   * Takes the lease of the model announced on {@code modelUpdatesTopic}, waiting up to {@code wait}
   * for a holder to go away.
   *
   * @throws LeaseHeldException when another learner still holds it after {@code wait}
   */
  public static LearnerLease acquire(
      String bootstrap, String modelUpdatesTopic, String learnerId, Duration wait)
      throws LeaseHeldException {
    LearnerLease lease = new LearnerLease(bootstrap, modelUpdatesTopic, learnerId);
    long deadline = System.nanoTime() + wait.toNanos();
    long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    try {
      while (!lease.held) {
        lease.consumer.poll(POLL);
        long now = System.nanoTime();
        if (lease.held) {
          break;
        }
        if (lease.joined && now - deadline > 0) {
          String holder = lease.holder(bootstrap);
          lease.closeQuietly();
          throw new LeaseHeldException(modelUpdatesTopic, lease.group, holder, wait);
        }
        if (now - nextReport >= 0) {
          if (lease.joined) {
            LOG.info(
                "waiting for the learner lease of {} (held by {}; a dead holder's lease expires"
                    + " after {} s)",
                modelUpdatesTopic,
                lease.holder(bootstrap),
                SESSION_TIMEOUT.toSeconds());
          } else {
            LOG.info(
                "waiting to join the learner lease group of {} at {} (Kafka down, or a dead"
                    + " holder's session of {} s not yet expired)",
                modelUpdatesTopic,
                bootstrap,
                SESSION_TIMEOUT.toSeconds());
          }
          nextReport = now + TimeUnit.SECONDS.toNanos(5);
        }
      }
    } catch (RuntimeException e) {
      lease.closeQuietly();
      throw e;
    }
    LOG.info("holding the learner lease of {} (group {})", modelUpdatesTopic, lease.group);
    lease.keep();
    return lease;
  }

  /** Runs {@code action} (once) when the lease is lost for good, at once if it already is. */
  public synchronized void onLost(Runnable action) {
    this.onLost = action;
    if (lostForGood) {
      action.run();
    }
  }

  public boolean held() {
    return held;
  }

  private void keep() {
    keeper = new Thread(this::poll, "learner-lease");
    keeper.setDaemon(true);
    keeper.start();
  }

  private void poll() {
    try {
      while (running) {
        consumer.poll(POLL);
        if (!held && lostAt >= 0 && System.nanoTime() - lostAt > GRACE.toNanos()) {
          giveUp("not regained within " + GRACE.toSeconds() + " s");
          return;
        }
      }
    } catch (WakeupException e) {
      // close() woke us up
    } catch (RuntimeException e) {
      if (running) {
        LOG.error("the learner lease's consumer failed: {}", e.toString(), e);
        held = false;
        giveUp(e.toString());
      }
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void suspend() {
    if (held) {
      held = false;
      lostAt = System.nanoTime();
      LOG.warn(
          "the learner lease (group {}) was taken away; publishing nothing until it is regained"
              + " (up to {} s)",
          group,
          GRACE.toSeconds());
    }
  }

  private synchronized void giveUp(String why) {
    running = false;
    lostForGood = true;
    LOG.error(
        "the learner lease (group {}) is lost ({}): another learner holds it; this learner stops",
        group,
        why);
    onLost.run();
  }

  /** The members of the lease group, for messages; "unknown" if Kafka does not answer. */
  private String holder(String bootstrap) {
    try (Admin admin =
        Admin.create(
            KafkaSecurity.with(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap)))) {
      ConsumerGroupDescription description =
          admin
              .describeConsumerGroups(List.of(group))
              .describedGroups()
              .get(group)
              .get(5, TimeUnit.SECONDS);
      return description.members().stream()
          .filter(member -> !member.assignment().topicPartitions().isEmpty())
          .map(member -> member.clientId() + " on " + member.host())
          .findFirst()
          .orElse("a member being assigned");
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return "unknown (" + e.getClass().getSimpleName() + ")";
    }
  }

  private void closeQuietly() {
    try {
      consumer.close(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      LOG.warn("closing the lease consumer failed: {}", e.toString());
    }
  }

  /** Gives the lease back (leaves the group, so the next learner takes it at once). */
  @Override
  public void close() {
    running = false;
    held = false;
    if (keeper == null) {
      return;
    }
    consumer.wakeup();
    try {
      keeper.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Listener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      joined = true;
      if (!partitions.isEmpty()) {
        if (lostAt >= 0) {
          LOG.info("the learner lease (group {}) is regained", group);
          lostAt = -1;
        }
        held = true;
        consumer.seekToEnd(partitions);
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty() && running) {
        suspend();
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty() && running) {
        suspend();
      }
    }
  }
}
