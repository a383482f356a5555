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
import prefloop.broker.TestMessages;
import prefloop.diffusion.checkpoint.CheckpointMetadata;
import prefloop.diffusion.checkpoint.CheckpointWriter;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;
import prefloop.learner.core.GuardAction;
import prefloop.learner.core.ReferenceUpdateConfig;
import prefloop.learner.core.TrainerConfig;
import prefloop.schemas.Topic;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.PreferenceLabel;

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

  /**
   * A learner {@code name} on the broker at {@code bootstrap}, topics {@code topicPrefix}, group
   * {@code name}-learner, from a tiny base in {@code dir}/base and storing in {@code dir}/store.
   */
  static LearnerConfigBuilder kafkaLearner(
      String name, String bootstrap, String topicPrefix, Path dir) throws IOException {
    return LearnerConfig.builder(trainer())
        .learnerId(name)
        .bootstrapServers(bootstrap)
        .topicPrefix(topicPrefix)
        .groupId(name + "-learner")
        .checkpointDir(dir.resolve("store"))
        .baseCheckpoint(tinyBase(dir.resolve("base")));
  }

  /**
   * A learner that replays the preference {@code log}, with no broker, from a tiny base in {@code
   * dir}/base and storing in {@code dir}/store.
   */
  static LearnerConfigBuilder offlineLearner(TrainerConfig trainer, Path log, Path dir)
      throws IOException {
    return LearnerConfig.builder(trainer)
        .bootstrapServers("")
        .input(PreferenceInput.FILE)
        .inputFile(log)
        .checkpointDir(dir.resolve("store"))
        .baseCheckpoint(tinyBase(dir.resolve("base")));
  }

  /** A recorder of a preference log at {@code file}, as the default preferences topic holds it. */
  static PreferenceLogRecorder recorder(Path file) throws IOException {
    return new PreferenceLogRecorder(file, Topics.defaults().preferences());
  }

  /** Records {@code count} preferences p0, p1, … of A over B. */
  static void recordAOverB(PreferenceLogRecorder recorder, int count) {
    for (int i = 0; i < count; i++) {
      recorder.record(TestMessages.preference("p" + i, PreferenceLabel.A, 0, 8));
    }
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
