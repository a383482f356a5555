package prefloop.learner.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.schemas.KafkaSecurity;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.DeadLetter;
import prefloop.schemas.avro.LearnerMetrics;
import prefloop.schemas.avro.ModelUpdate;
import prefloop.schemas.kafka.DeadLetters;

/**
 * The learner's producer: idempotent, {@code acks=all}; every send's result is handled. Model
 * updates are keyed by role on the compacted topic, metrics by learner id, dead letters by source
 * topic.
 */
public final class KafkaOutbox implements Outbox {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaOutbox.class);
  private static final long UPDATE_TIMEOUT_S = 30;

  private final KafkaProducer<byte[], byte[]> producer;
  private final Topics topics;
  private final String learnerId;

  public KafkaOutbox(String bootstrapServers, Topics topics, String learnerId) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, learnerId + "-producer");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20);
    this.producer =
        new KafkaProducer<>(
            KafkaSecurity.with(props), new ByteArraySerializer(), new ByteArraySerializer());
    this.topics = topics;
    this.learnerId = learnerId;
  }

  @Override
  public boolean modelUpdate(ModelUpdate update) {
    try {
      producer
          .send(topics.modelUpdates().rawRecord(update.getRole().name(), update))
          .get(UPDATE_TIMEOUT_S, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("interrupted while publishing {} v{}", update.getRole(), update.getVersion());
      return false;
    } catch (ExecutionException | TimeoutException e) {
      LOG.error(
          "could not publish {} v{} to {} ({}); the checkpoint stays in the store and the next"
              + " update supersedes it — check that the broker is up",
          update.getRole(),
          update.getVersion(),
          topics.modelUpdates().name(),
          e.toString());
      return false;
    }
  }

  @Override
  public void metrics(LearnerMetrics metrics) {
    producer.send(
        topics.metrics().rawRecord(learnerId, metrics),
        (meta, error) -> {
          if (error != null) {
            LOG.warn("metrics of step {} not sent: {}", metrics.getStep(), error.toString());
          }
        });
  }

  @Override
  public void deadLetter(DeadLetter letter) {
    DeadLetters.send(producer, topics, letter);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
