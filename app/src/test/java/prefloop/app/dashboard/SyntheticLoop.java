package prefloop.app.dashboard;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import prefloop.diffusion.checkpoint.CheckpointMetadata;
import prefloop.diffusion.checkpoint.CheckpointWriter;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;
import prefloop.schemas.SampleMessages;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.LearnerMetrics;
import prefloop.schemas.avro.MergeInfo;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.ModelUpdate;
import prefloop.schemas.avro.PairScores;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.TimestepBinStats;

/** Publishes what a short run of the loop would: tiny checkpoints and synthetic messages. */
final class SyntheticLoop implements AutoCloseable {
  static final int BINS = 10;

  private final Topics topics;
  private final KafkaProducer<byte[], byte[]> producer;

  SyntheticLoop(String bootstrapServers, Topics topics) {
    this.topics = topics;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  /**
   * A very small UNet on the toy world's 32×32 images, so the reward models can score its grids
   * (the unit-test {@link UNetConfig#tiny()} makes 8×8 ones).
   */
  static final UNetConfig TINY_32 =
      new UNetConfig(32, 3, 8, List.of(1, 2), 1, false, 4, 16, 8, 64, 12, null, null);

  /** Writes a tiny random-weight checkpoint of {@code version} into {@code dir}. */
  static Path checkpoint(Path dir, String role, long version) throws IOException {
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(TINY_32, 100 + version)) {
      perturb(model, 100 + version);
      Path target = dir.resolve(role + "-" + version);
      new CheckpointWriter(Map.of(), "test")
          .write(model, CheckpointMetadata.of(role, version, version * 10, 7), target);
      return target;
    }
  }

  /**
   * Adds N(0, 0.05²) to every weight: a fresh UNet's output layer is zero, so every version would
   * predict ε̂ = 0 and draw the same images, and every win rate would be a tie.
   */
  private static void perturb(DiffusionModel model, long seed) {
    Random random = new Random(seed);
    for (Parameter parameter : model.parameters()) {
      NDArray weights = parameter.getArray();
      float[] noise = new float[Math.toIntExact(weights.size())];
      for (int i = 0; i < noise.length; i++) {
        noise[i] = (float) (0.05 * random.nextGaussian());
      }
      try (NDArray delta = weights.getManager().create(noise, weights.getShape())) {
        weights.addi(delta); // copies: the parameter never aliases the Java array
      }
    }
  }

  void metrics(long step) {
    List<TimestepBinStats> bins = new ArrayList<>();
    for (int b = 0; b < BINS; b++) {
      bins.add(new TimestepBinStats(b, 10L * step, 0.5 + 0.04 * b, 0.1 * b, 1.0 - 0.08 * b, 1.0));
    }
    LearnerMetrics m =
        LearnerMetrics.newBuilder(SampleMessages.learnerMetrics(step))
            .setPolicyVersion(step / 10)
            .setReferenceVersion(step / 16)
            .setLoss(0.69 * Math.exp(-step / 40.0))
            .setImplicitAcc(Math.min(0.95, 0.5 + step / 80.0))
            .setDrift(0.0002 * step)
            .setFrozen(step >= 28)
            .setBins(bins)
            .setStalenessHistogram(List.of(5L, 2L + step % 3, 1L))
            .setExtra(Map.of("drift_delta", 0.005))
            .build();
    send(topics.metrics().rawRecord("learner-1", m));
  }

  void preference(long seed, long version) {
    double lift = 0.1 * version;
    Preference p =
        Preference.newBuilder(SampleMessages.preference(seed))
            .setPolicyVersion(version)
            .setScores(
                Map.of(
                    "fidelity", new PairScores(0.4 + lift, 0.5 + lift),
                    "aesthetic", new PairScores(0.3 + lift / 2, 0.2 + lift / 2),
                    "fidelity-heldout", new PairScores(0.35 + lift * 0.8, 0.45 + lift * 0.8)))
            .build();
    send(topics.preferences().rawRecord(p.getPairId(), p));
    send(topics.pairs().rawRecord("pair-" + seed, SampleMessages.generatedPair(seed)));
  }

  void policy(long version, Path checkpoint) {
    send(topics.modelUpdates().rawRecord("POLICY", update(ModelRole.POLICY, version, checkpoint)));
  }

  void reference(long version, long step, boolean frozen) {
    ModelUpdate update =
        ModelUpdate.newBuilder(SampleMessages.modelUpdate(version))
            .setLearnerStep(step)
            .setMerge(new MergeInfo(0.5, 0.0002 * step, frozen))
            .build();
    send(topics.modelUpdates().rawRecord("REFERENCE", update));
  }

  void garbage() {
    send(new ProducerRecord<>(topics.metrics().name(), new byte[] {1, 2, 3}));
  }

  private static ModelUpdate update(ModelRole role, long version, Path checkpoint) {
    return ModelUpdate.newBuilder(SampleMessages.modelUpdate(version))
        .setRole(role)
        .setUri(checkpoint.toUri().toString())
        .setMerge(null)
        .setCreatedAt(Instant.now())
        .build();
  }

  private void send(ProducerRecord<byte[], byte[]> record) {
    producer.send(record);
  }

  void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
