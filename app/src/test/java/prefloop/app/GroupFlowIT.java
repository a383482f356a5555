package prefloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import prefloop.broker.EmbeddedKafkaExtension;
import prefloop.broker.KafkaClients;
import prefloop.broker.TestMessages;
import prefloop.broker.TopicReader;
import prefloop.diffusion.checkpoint.CheckpointMetadata;
import prefloop.diffusion.checkpoint.CheckpointWriter;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;
import prefloop.generator.BackpressureConfig;
import prefloop.generator.GeneratorConfig;
import prefloop.generator.GeneratorVerticle;
import prefloop.generator.PromptMix;
import prefloop.generator.SamplingConfig;
import prefloop.rater.ensemble.BradleyTerryLabeller;
import prefloop.rater.ensemble.ParetoDominance;
import prefloop.rater.model.ModelSpec;
import prefloop.rater.model.RewardModel;
import prefloop.rater.model.RewardModels;
import prefloop.rater.service.RaterConfig;
import prefloop.rater.service.RaterVerticle;
import prefloop.schemas.Topic;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.GeneratedImage;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.PairScores;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.PreferenceLabel;
import prefloop.schemas.avro.RaterKind;
import prefloop.world.PngCodec;
import prefloop.world.RgbImage;

/**
 * Generator → rater → preferences with groups of K = 4 on the embedded broker: a requested prompt
 * is sampled as one GeneratedPair of 4 images (a small 32×32 model, the raters' size), and the
 * default ensemble turns it into one Preference whose A is the group's best image and B its worst
 * (utilities recomputed here from the shipped reward models).
 */
@ExtendWith(VertxExtension.class)
class GroupFlowIT {
  private static final String PROMPT = "a large red circle on a blue background, centre";
  private static final Path MODEL_DIR = Path.of("../models/reward");

  @TempDir static Path dir;
  @RegisterExtension static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.ephemeral();

  @Test
  void aGroupOfFourFlowsToOnePreferenceOfItsBestAgainstItsWorstImage(Vertx vertx) throws Exception {
    Topics topics = kafka.topics();
    GeneratorConfig generator =
        GeneratorConfig.defaults(kafka.bootstrapServers(), smallBase(dir.resolve("base")))
            .withPrompts(PromptMix.defaults().withoutBuiltin())
            .withSampling(SamplingConfig.defaults().withSteps(4).withBatchSize(1).withGroupSize(4))
            .withBackpressure(BackpressureConfig.defaults().withMaxBacklog(0));
    RaterConfig rater =
        RaterConfig.defaults(kafka.bootstrapServers())
            .withModels(RaterConfig.DEFAULT_MODELS, MODEL_DIR)
            .withHttp(0, "");
    vertx.deployVerticle(new RaterVerticle(rater)).await();
    vertx.deployVerticle(new GeneratorVerticle(generator)).await();

    // Given a requested prompt
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      producer
          .send(topics.prompts().rawRecord("req-k4", TestMessages.promptRequest("req-k4", PROMPT)))
          .get();
    }

    // When the generator samples it as a group of 4 and the rater judges it
    GeneratedPair group =
        readUntil(topics.pairs(), p -> p.getPromptId().equals("req-k4"), Duration.ofMinutes(3));
    Preference preference =
        readUntil(
            topics.preferences(),
            p -> p.getPairId().equals(group.getPairId()),
            Duration.ofMinutes(2));

    // Then the preference carries the best image as A and the worst as B
    assertThat(group.getImages()).hasSize(4);
    double[] utility = utilities(group.getImages());
    int best = argmax(utility);
    int worst = argmin(utility);
    assertThat(best).isNotEqualTo(worst);
    assertThat(preference.getRater().getKind()).isEqualTo(RaterKind.MODEL);
    assertThat(preference.getPromptId()).isEqualTo("req-k4");
    assertThat(preference.getPolicyVersion()).isEqualTo(group.getPolicyVersion());
    assertThat(preference.getImages())
        .as("utilities %s", utility)
        .extracting(GeneratedImage::getSeed)
        .containsExactly(
            group.getImages().get(best).getSeed(), group.getImages().get(worst).getSeed());
    assertThat(preference.getImages().get(0).getPng())
        .isEqualTo(group.getImages().get(best).getPng());
    assertThat(preference.getScores()).containsOnlyKeys("fidelity", "aesthetic");
    // and the default rater labels by Pareto dominance of the carried scores: A or B only where
    // no model prefers the other image by more than the tie margin, a tie otherwise
    assertThat(preference.getLabel())
        .as("scores %s", preference.getScores())
        .isEqualTo(paretoLabel(preference, rater.tieMargin()));
  }

  /** The Pareto label of the default models' carried scores, scaled as the rater scales them. */
  private static PreferenceLabel paretoLabel(Preference preference, double tieMargin) {
    double[] scaled =
        RaterConfig.DEFAULT_MODELS.stream()
            .mapToDouble(
                spec -> {
                  PairScores scores = preference.getScores().get(spec.name());
                  return (scores.getA() - scores.getB()) / spec.scale();
                })
            .toArray();
    return BradleyTerryLabeller.byDominance(ParetoDominance.of(scaled, tieMargin)).label();
  }

  /** u_i = Σ_m w_m s_m(i) / scale_m with the default ensemble, from the decoded PNGs. */
  private static double[] utilities(List<GeneratedImage> images) {
    List<RgbImage> decoded = new ArrayList<>();
    for (GeneratedImage image : images) {
      decoded.add(PngCodec.decode(bytes(image.getPng())).image());
    }
    double[] utility = new double[decoded.size()];
    for (ModelSpec spec : RaterConfig.DEFAULT_MODELS) {
      RewardModel model = RewardModels.create(spec, MODEL_DIR, Duration.ofSeconds(5));
      try {
        double[] scores = model.score(Collections.nCopies(decoded.size(), PROMPT), decoded);
        for (int i = 0; i < utility.length; i++) {
          utility[i] += spec.weight() * scores[i] / spec.scale();
        }
      } finally {
        model.close();
      }
    }
    return utility;
  }

  /** A freshly initialised small 32×32 UNet, fast to sample. */
  private static String smallBase(Path out) throws Exception {
    UNetConfig small =
        new UNetConfig(32, 3, 8, List.of(1, 2), 1, false, 4, 32, 8, 64, 12, null, null);
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(small, 11)) {
      new CheckpointWriter(Map.of("djl", "test"), "test")
          .write(model, CheckpointMetadata.of("base", 0, 0, 11), out);
    }
    return out.toString();
  }

  private static <V> V readUntil(Topic<String, V> topic, Predicate<V> wanted, Duration timeout) {
    return TopicReader.readUntil(
            kafka.bootstrapServers(), topic, values -> values.stream().anyMatch(wanted), timeout)
        .stream()
        .filter(wanted)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("nothing wanted on " + topic.name() + " within " + timeout));
  }

  private static KafkaProducer<byte[], byte[]> producer() {
    return KafkaClients.producer(kafka.bootstrapServers());
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  private static int argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      best = values[i] > values[best] ? i : best;
    }
    return best;
  }

  private static int argmin(double[] values) {
    int worst = values.length - 1;
    for (int i = values.length - 2; i >= 0; i--) {
      worst = values[i] < values[worst] ? i : worst;
    }
    return worst;
  }
}
