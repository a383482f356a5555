package prefloop.rater.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import prefloop.broker.EmbeddedKafkaExtension;
import prefloop.broker.TopicReader;
import prefloop.rater.TestPairs;
import prefloop.rater.ensemble.BradleyTerryLabeller;
import prefloop.rater.ensemble.EnsembleMode;
import prefloop.rater.ensemble.PairScore;
import prefloop.rater.human.HumanPolicy;
import prefloop.rater.kafka.KafkaSettings;
import prefloop.rater.model.ModelSpec;
import prefloop.schemas.Topic;
import prefloop.schemas.avro.DeadLetter;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.PreferenceLabel;
import prefloop.schemas.avro.RaterKind;

/** Pairs in → preferences out, and the JSON ingress, on a real broker with the default ensemble. */
class RaterPipelineIT {
  @RegisterExtension static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.ephemeral();
  private static DeployedRater rater;

  /** The default ensemble plus the held-out scorers as weight-0 monitors. */
  private static final List<ModelSpec> MODELS =
      List.of(
          RaterConfig.DEFAULT_MODELS.get(0),
          RaterConfig.DEFAULT_MODELS.get(1),
          ModelSpec.parse("fidelity-heldout:fidelity:0:1:fidelity-heldout"),
          ModelSpec.parse("aesthetic-heldout:aesthetic_heldout:0:0.1"));

  @BeforeAll
  static void start() {
    RaterConfig config =
        DeployedRater.weightedSumConfig(kafka.bootstrapServers(), MODELS)
            .withHuman(new HumanPolicy(HumanPolicy.Mode.UNCERTAIN, 0, 10), Duration.ofSeconds(1));
    rater = DeployedRater.start(config);
  }

  @AfterAll
  static void stop() {
    if (rater != null) {
      rater.close();
    }
  }

  @Test
  void pairsBecomePreferencesAndBadRecordsBecomeDeadLetters() throws Exception {
    String prompt = "a large red circle on a blue background, centre";
    String json = PreferenceJsonFixture.VALID.replace("pair-7", "json-1");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(KafkaSettings.producer(kafka.bootstrapServers(), "it"))) {
      producer
          .send(
              kafka
                  .topics()
                  .pairs()
                  .rawRecord("good-1", TestPairs.cleanVersusDegraded("good-1", prompt, 1)))
          .get();
      producer
          .send(
              kafka
                  .topics()
                  .pairs()
                  .rawRecord(
                      "good-2",
                      TestPairs.cleanVersusDegraded(
                          "good-2", "a small yellow square on a black background, top left", 2)))
          .get();
      producer
          .send(
              new ProducerRecord<>(
                  kafka.topics().pairs().name(),
                  "junk".getBytes(StandardCharsets.UTF_8),
                  new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}))
          .get();
      var elephant = TestPairs.cleanVersusDegraded("elephant", prompt, 3);
      elephant.setPrompt("a purple elephant dancing");
      producer.send(kafka.topics().pairs().rawRecord("elephant", elephant)).get();
      producer.send(kafka.topics().preferencesJson().rawRecord("json-1", json)).get();
      producer
          .send(
              kafka
                  .topics()
                  .preferencesJson()
                  .rawRecord("json-bad", "{\"pair_id\": \"x\", \"label\": \"MAYBE\"}"))
          .get();
    }

    List<Preference> preferences = readThree(kafka.topics().preferences(), Duration.ofSeconds(90));
    List<DeadLetter> dead = readThree(kafka.topics().deadLetter(), Duration.ofSeconds(30));

    assertThat(preferences)
        .extracting(Preference::getPairId)
        .containsExactlyInAnyOrder("good-1", "good-2", "json-1");
    for (Preference p : preferences) {
      if (p.getPairId().startsWith("good")) {
        assertThat(p.getRater().getKind()).isEqualTo(RaterKind.MODEL);
        assertThat(p.getRater().getId()).isEqualTo("ensemble-v1");
        assertThat(p.getScores())
            .containsOnlyKeys("fidelity", "aesthetic", "fidelity-heldout", "aesthetic-heldout");
        assertThat(p.getScores().get("aesthetic").getA())
            .isGreaterThan(p.getScores().get("aesthetic").getB());
        double margin =
            (p.getScores().get("fidelity").getA() - p.getScores().get("fidelity").getB()) / 1.0
                + (p.getScores().get("aesthetic").getA() - p.getScores().get("aesthetic").getB())
                    / 0.1;
        BradleyTerryLabeller labeller =
            new BradleyTerryLabeller(1.0, 0.05, EnsembleMode.WEIGHTED_SUM, 1L);
        assertThat(p.getLabel())
            .as("label of Δ = %s, scores %s", margin, p.getScores())
            .isEqualTo(labeller.label(p.getPairId(), new PairScore(Map.of(), margin, 0)).label());
        double pA = labeller.probabilityA(margin);
        assertThat(p.getConfidence()).isCloseTo(Math.max(pA, 1 - pA), within(1e-9));
        assertThat(p.getImages()).hasSize(2);
      } else {
        assertThat(p.getRater().getId()).isEqualTo("kcat-alice");
        assertThat(p.getLabel()).isEqualTo(PreferenceLabel.B);
      }
    }
    assertThat(dead)
        .extracting(DeadLetter::getErrorClass)
        .containsExactlyInAnyOrder("BAD_MAGIC", "REWARD_MODEL_FAILED", "MALFORMED_TEXT");
    assertThat(dead)
        .filteredOn(d -> d.getErrorClass().equals("REWARD_MODEL_FAILED"))
        .first()
        .satisfies(
            d -> {
              assertThat(d.getReason()).contains("purple elephant");
              assertThat(d.getSourceTopic()).isEqualTo(kafka.topics().pairs().name());
            });
    assertThat(dead)
        .filteredOn(d -> d.getErrorClass().equals("MALFORMED_TEXT"))
        .first()
        .satisfies(
            d ->
                assertThat(d.getReason())
                    .contains("required property 'prompt' not found")
                    .contains("$.label"));

    assertThat(get("/health").statusCode()).isEqualTo(200);
    String metrics = get("/metrics").body();
    assertThat(metrics)
        .contains("rater_pairs_scored_total 2.0")
        .contains("rater_dead_letters_total 3.0")
        .contains("rater_score_latency");
    System.out.println("status: " + get("/status").body());
  }

  /** Records of {@code topic} until there are three or more, or {@code timeout} passed. */
  private static <V> List<V> readThree(Topic<String, V> topic, Duration timeout) {
    return TopicReader.readUntil(kafka.bootstrapServers(), topic, l -> l.size() >= 3, timeout);
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rater.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** The README's JSON example. */
  static final class PreferenceJsonFixture {
    static final String VALID =
        "{\"pair_id\": \"pair-7\", \"prompt\": \"a small red circle on a blue background, top left\","
            + " \"policy_version\": 3, \"label\": \"B\", \"rater\": {\"id\": \"kcat-alice\", \"kind\": \"HUMAN\"},"
            + " \"images\": [{\"seed\": 1, \"png_base64\": \"iVBORw0K\", \"width\": 32, \"height\": 32},"
            + " {\"seed\": 2, \"png_base64\": \"iVBORw0K\", \"width\": 32, \"height\": 32}]}";
  }
}
