package prefloop.learner.service;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import prefloop.broker.KafkaClients;
import prefloop.diffusion.checkpoint.CheckpointMetadata;
import prefloop.diffusion.checkpoint.CheckpointWriter;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;
import prefloop.learner.core.GuardAction;
import prefloop.learner.core.ReferenceUpdateConfig;
import prefloop.learner.core.TrainerConfig;
import prefloop.schemas.Topic;

/** Helpers of the learner ITs: a tiny base checkpoint, raw Kafka clients, waiting. */
final class LearnerFixture {
  private LearnerFixture() {}

  /** Writes a freshly initialised tiny UNet (8×8) as the base checkpoint in {@code dir}. */
  static Path tinyBase(Path dir) throws IOException {
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 7)) {
      new CheckpointWriter(Map.of("djl", "test"), "test")
          .write(model, CheckpointMetadata.of("base", 0, 0, 7), dir);
    }
    return dir;
  }

  /** Diffusion-DPO with an EMA reference merge every 3 steps and the guard off. */
  static TrainerConfig trainer() {
    return TrainerConfig.defaults()
        .withLearningRate(1e-3)
        .withReference(new ReferenceUpdateConfig(0.5, 3, 1.0, GuardAction.FREEZE, false, 2, 4));
  }

  static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    return KafkaClients.producer(bootstrap);
  }

  static <V> void send(
      KafkaProducer<byte[], byte[]> producer, Topic<String, V> topic, String key, V value)
      throws Exception {
    producer.send(topic.rawRecord(key, value)).get();
  }

  static void sendRaw(
      KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value)
      throws Exception {
    producer.send(new ProducerRecord<>(topic, key.getBytes(), value)).get();
  }

  /** Every record of {@code topic} now in the broker. */
  static <V> List<ConsumerRecord<String, V>> readAll(String bootstrap, Topic<String, V> topic) {
    return KafkaClients.readAll(bootstrap, topic);
  }

  static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(100);
    }
  }
}
