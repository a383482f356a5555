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
import prefloop.schemas.kafka.ConsumerThread;

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
  private final CompletableFuture<Void> firstPoll = new CompletableFuture<>();
  private final Set<String> assigned = new HashSet<>();
  private final ConsumerThread thread;

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
    this.thread =
        new ConsumerThread(
            "dashboard-kafka",
            new KafkaConsumer<>(properties(config.bootstrapServers())),
            ConsumerThread.Stop.WAKE_POLL,
            this::pass,
            failure ->
                failure.ifPresent(
                    e -> {
                      log.error("the dashboard no longer reads Kafka: restart the dashboard");
                      firstPoll.completeExceptionally(e);
                    }));
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
    return thread.isRunning();
  }

  private List<String> topicNames() {
    return List.of(
        topics.metrics().name(),
        topics.preferences().name(),
        topics.pairs().name(),
        topics.modelUpdates().name());
  }

  private void pass(KafkaConsumer<byte[], byte[]> consumer) throws InterruptedException {
    if (assigned.size() < topicNames().size()) {
      assignNew(consumer);
    }
    if (assigned.isEmpty()) {
      Thread.sleep(POLL.toMillis());
      return;
    }
    firstPoll.complete(null);
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
      handle(record);
    }
  }

  /** Assigns the partitions of the topics that exist now (they may be created after we start). */
  private void assignNew(KafkaConsumer<byte[], byte[]> consumer) {
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
  public void close() {
    thread.close();
  }
}
