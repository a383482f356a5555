package prefloop.app.dashboard;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.schemas.KafkaSecurity;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.LearnerMetrics;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.ModelUpdate;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.codec.RecordDecoder;
import prefloop.schemas.codec.UndecodableRecordException;

/**
 * Reads the metrics, preferences, pairs and model-updates topics from the beginning into {@link
 * DashboardState}, on its own thread. It is a read-only observer: partitions are assigned (no
 * consumer group, no commits), so every dashboard sees everything. Undecodable records are counted
 * and skipped. POLICY model updates are also handed to {@code onPolicyUpdate}.
 */
final class KafkaFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaFeed.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration METADATA = Duration.ofSeconds(2);

  private final Topics topics;
  private final String bootstrapServers;
  private final RecordDecoder<String, LearnerMetrics> metrics;
  private final RecordDecoder<String, Preference> preferences;
  private final RecordDecoder<String, GeneratedPair> pairs;
  private final RecordDecoder<String, ModelUpdate> modelUpdates;
  private final DashboardState state;
  private final Consumer<ModelUpdate> onPolicyUpdate;
  private final LongSupplier clock;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final CompletableFuture<Void> firstPoll = new CompletableFuture<>();
  private final Thread thread;
  private volatile boolean running = true;

  KafkaFeed(
      DashboardConfig config,
      DashboardState state,
      Consumer<ModelUpdate> onPolicyUpdate,
      LongSupplier clock) {
    this.topics = Topics.withPrefix(config.topicPrefix());
    this.bootstrapServers = config.bootstrapServers();
    this.metrics = topics.metrics().decoder();
    this.preferences = topics.preferences().decoder();
    this.pairs = topics.pairs().decoder();
    this.modelUpdates = topics.modelUpdates().decoder();
    this.state = state;
    this.onPolicyUpdate = onPolicyUpdate;
    this.clock = clock;
    this.consumer = new KafkaConsumer<>(properties(config.bootstrapServers()));
    this.thread = new Thread(this::run, "dashboard-kafka");
    thread.setDaemon(true);
  }

  private static Properties properties(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "prefloop-dashboard");
    return KafkaSecurity.addTo(p);
  }

  /** Starts the thread; the future completes once the broker answered and a topic is assigned. */
  CompletableFuture<Void> start() {
    thread.start();
    return firstPoll;
  }

  boolean isRunning() {
    return running && thread.isAlive();
  }

  private List<String> topicNames() {
    return List.of(
        topics.metrics().name(),
        topics.preferences().name(),
        topics.pairs().name(),
        topics.modelUpdates().name());
  }

  private void run() {
    Set<String> assigned = new HashSet<>();
    try {
      while (running) {
        if (assigned.size() < topicNames().size()) {
          assignNew(assigned);
        }
        if (!assigned.isEmpty()) {
          firstPoll.complete(null);
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            handle(record);
          }
        } else {
          Thread.sleep(POLL.toMillis());
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("dashboard consumer stopped: {}; restart the dashboard", e.toString(), e);
      firstPoll.completeExceptionally(e);
    } finally {
      running = false;
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /** Assigns the partitions of the topics that exist now (they may be created after we start). */
  private void assignNew(Set<String> assigned) {
    List<TopicPartition> partitions = new ArrayList<>(consumer.assignment());
    Map<String, List<PartitionInfo>> all;
    try {
      all = consumer.listTopics(METADATA);
    } catch (TimeoutException e) {
      log.warn("Kafka at {} does not answer yet; retrying", bootstrapServers);
      return;
    }
    for (String topic : topicNames()) {
      if (assigned.contains(topic)) {
        continue;
      }
      List<PartitionInfo> infos = all.get(topic);
      if (infos == null || infos.isEmpty()) {
        continue;
      }
      infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
      assigned.add(topic);
      log.info("dashboard reads {} ({} partitions)", topic, infos.size());
    }
    consumer.assign(partitions);
  }

  private void handle(ConsumerRecord<byte[], byte[]> record) {
    long now = clock.getAsLong();
    String topic = record.topic();
    try {
      if (topic.equals(metrics.topic().name())) {
        state.onMetrics(metrics.value(record), now);
      } else if (topic.equals(preferences.topic().name())) {
        state.onPreference(preferences.value(record), now);
      } else if (topic.equals(pairs.topic().name())) {
        state.onPair(pairs.value(record), now);
      } else if (topic.equals(modelUpdates.topic().name())) {
        ModelUpdate update = modelUpdates.value(record);
        state.onModelUpdate(update);
        if (update.getRole() == ModelRole.POLICY) {
          onPolicyUpdate.accept(update);
        }
      }
    } catch (UndecodableRecordException e) {
      state.onUndecodable(topic);
      log.warn("skipped {}", e.getMessage());
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(5_000);
  }
}
