package prefloop.rater.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import prefloop.broker.EmbeddedKafkaExtension;
import prefloop.broker.TestMessages;
import prefloop.broker.TopicReader;
import prefloop.rater.TestPairs;
import prefloop.rater.ensemble.BradleyTerryLabeller;
import prefloop.rater.ensemble.EnsembleMode;
import prefloop.rater.ensemble.GroupPairs;
import prefloop.rater.ensemble.PairScore;
import prefloop.rater.human.HumanPolicy;
import prefloop.rater.kafka.KafkaSettings;
import prefloop.rater.model.ModelSpec;
import prefloop.rater.model.RewardModel;
import prefloop.rater.model.RewardModels;
import prefloop.schemas.avro.GeneratedImage;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.PreferenceLabel;
import prefloop.schemas.avro.RaterKind;
import prefloop.world.Degradation;
import prefloop.world.PngCodec;
import prefloop.world.RgbImage;

/**
 * A group of K = 4 images on a real broker with the default ensemble: one preference whose A is the
 * image of largest ensemble utility and B the one of smallest (utilities recomputed here from the
 * reward models themselves), labelled by Bradley–Terry as a pair; people see the same two.
 */
class GroupRatingIT {
  private static final String PROMPT = "a large red circle on a blue background, centre";
  private static final String OTHER = "a small yellow square on a black background, top left";

  @RegisterExtension static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.ephemeral();
  private static DeployedRater rater;

  @BeforeAll
  static void start() {
    RaterConfig config =
        DeployedRater.weightedSumConfig(kafka.bootstrapServers(), RaterConfig.DEFAULT_MODELS)
            .withGroupPairs(GroupPairs.NESTED)
            .withHuman(new HumanPolicy(HumanPolicy.Mode.FRACTION, 1.0, 10), Duration.ofMillis(300));
    rater = DeployedRater.start(config);
  }

  @AfterAll
  static void stop() {
    if (rater != null) {
      rater.close();
    }
  }

  @Test
  void aGroupOfFourBecomesItsBestAgainstItsWorstAndItsMiddlePairForTheModel() throws Exception {
    // Given a clean render, two degraded ones and a degraded render of another prompt
    List<RgbImage> images =
        List.of(
            TestPairs.render(PROMPT, 3, Degradation.BLUR),
            TestPairs.render(PROMPT, 4),
            TestPairs.render(OTHER, 5, Degradation.BLUR, Degradation.NOISE),
            TestPairs.render(PROMPT, 6, Degradation.NOISE));
    GeneratedPair group = TestPairs.cleanVersusDegraded("group-1", PROMPT, 1);
    List<GeneratedImage> messageImages = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      messageImages.add(TestMessages.image(images.get(i), 100 + i));
    }
    group.setImages(messageImages);
    double[][] scores = scoresAsTheRaterSeesThem(messageImages);
    double[] utility = new double[4];
    for (int i = 0; i < 4; i++) {
      utility[i] = scores[0][i] / 1.0 + scores[1][i] / 0.1;
    }
    int best = argmax(utility);
    int worst = argmin(utility);

    // When it is published on the pairs topic
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(KafkaSettings.producer(kafka.bootstrapServers(), "it"))) {
      producer.send(kafka.topics().pairs().rawRecord("group-1", group)).get();
    }

    // Then one model preference carries the best as A and the worst as B, and (nested pairs, the
    // configured here) a second one the two middle images, the better as A
    List<Preference> models = preferences(l -> l.size() >= 2);
    Preference model = byId(models, "group-1");
    Preference inner = byId(models, "group-1/1");
    int[] middle =
        java.util.stream.IntStream.range(0, 4).filter(i -> i != best && i != worst).toArray();
    int upper = utility[middle[0]] >= utility[middle[1]] ? middle[0] : middle[1];
    int lower = upper == middle[0] ? middle[1] : middle[0];
    assertThat(inner.getImages())
        .extracting(GeneratedImage::getSeed)
        .containsExactly(100L + upper, 100L + lower);
    assertThat(inner.getScores().get("fidelity").getA()).isCloseTo(scores[0][upper], within(1e-6));
    assertThat(best).as("the clean render is the best (utilities %s)", utility).isEqualTo(1);
    assertThat(worst).as("the other prompt's degraded render is the worst").isEqualTo(2);
    assertThat(model.getPairId()).isEqualTo("group-1");
    assertThat(model.getRater().getKind()).isEqualTo(RaterKind.MODEL);
    assertThat(model.getImages())
        .extracting(GeneratedImage::getSeed)
        .containsExactly(100L + best, 100L + worst);
    assertThat(model.getImages().get(0).getPng()).isEqualTo(messageImages.get(best).getPng());
    assertThat(model.getScores().get("fidelity").getA()).isCloseTo(scores[0][best], within(1e-6));
    assertThat(model.getScores().get("aesthetic").getB()).isCloseTo(scores[1][worst], within(1e-6));
    // and both carry every image's utility, the scalar reward DPOK's baseline is made of
    assertThat(model.getGroup().getRewards())
        .zipSatisfy(
            Arrays.stream(utility).boxed().toList(),
            (carried, expected) -> assertThat(carried).isCloseTo(expected, within(1e-6)));
    assertThat(List.of(model.getGroup().getAIndex(), model.getGroup().getBIndex()))
        .containsExactly(best, worst);
    assertThat(List.of(inner.getGroup().getAIndex(), inner.getGroup().getBIndex()))
        .containsExactly(upper, lower);
    assertThat(inner.getGroup().getRewards()).isEqualTo(model.getGroup().getRewards());
    double margin = utility[best] - utility[worst];
    BradleyTerryLabeller labeller =
        new BradleyTerryLabeller(1.0, 0.05, EnsembleMode.WEIGHTED_SUM, 1L);
    assertThat(model.getLabel())
        .isEqualTo(labeller.label("group-1", new PairScore(Map.of(), margin, 0)).label());
    assertThat(model.getConfidence())
        .isCloseTo(
            Math.max(labeller.probabilityA(margin), 1 - labeller.probabilityA(margin)),
            within(1e-6));

    // and people are shown the same two images; their label is a preference of those two
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + rater.port();
    JsonObject task =
        new JsonObject(
            http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/next?rater=ada")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    assertThat(task.getString("pair_id")).isEqualTo("group-1");
    assertThat(List.of(task.getString("left"), task.getString("right")))
        .containsExactlyInAnyOrder(
            dataUrl(messageImages.get(best)), dataUrl(messageImages.get(worst)));
    int status =
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/label"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"rater\": \"ada\", \"pair_id\": \"group-1\", \"choice\": \"tie\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode();
    assertThat(status).isEqualTo(200);
    Preference human =
        preferences(l -> l.size() >= 3).stream()
            .filter(p -> p.getRater().getKind() == RaterKind.HUMAN)
            .findFirst()
            .orElseThrow();
    assertThat(human.getLabel()).isEqualTo(PreferenceLabel.TIE);
    assertThat(human.getGroup()).as("a person gives no scalar reward").isNull();
    assertThat(human.getImages())
        .extracting(GeneratedImage::getSeed)
        .containsExactly(100L + best, 100L + worst);
  }

  /** [model][image]: fidelity and aesthetic scores of the decoded PNGs, as the rater reads them. */
  private static double[][] scoresAsTheRaterSeesThem(List<GeneratedImage> images) {
    List<RgbImage> decoded = new ArrayList<>();
    for (GeneratedImage image : images) {
      decoded.add(PngCodec.decode(bytes(image.getPng())).image());
    }
    List<String> prompts = Collections.nCopies(decoded.size(), PROMPT);
    double[][] scores = new double[2][];
    for (int m = 0; m < 2; m++) {
      ModelSpec spec = RaterConfig.DEFAULT_MODELS.get(m);
      RewardModel model = RewardModels.create(spec, TestPairs.MODEL_DIR, Duration.ofSeconds(5));
      try {
        scores[m] = model.score(prompts, decoded);
      } finally {
        model.close();
      }
    }
    return scores;
  }

  private static List<Preference> preferences(java.util.function.Predicate<List<Preference>> done) {
    return TopicReader.readUntil(
        kafka.bootstrapServers(), kafka.topics().preferences(), done, Duration.ofSeconds(90));
  }

  private static Preference byId(List<Preference> all, String id) {
    return all.stream().filter(p -> p.getPairId().equals(id)).findFirst().orElseThrow();
  }

  private static int argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      best = values[i] > values[best] ? i : best;
    }
    return best;
  }

  private static int argmin(double[] values) {
    int worst = 0;
    for (int i = 1; i < values.length; i++) {
      worst = values[i] < values[worst] ? i : worst;
    }
    return worst;
  }

  private static String dataUrl(GeneratedImage image) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes(image.getPng()));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
