package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import prefloop.broker.EmbeddedKafkaExtension;
import prefloop.broker.FreePort;
import prefloop.broker.TestMessages;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.schemas.avro.DeadLetter;
import prefloop.schemas.avro.LearnerMetrics;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.ModelUpdate;
import prefloop.schemas.avro.PreferenceLabel;

/**
 * The learner on a real broker with a tiny model: preferences in, steps, model updates out whose
 * checkpoints download with the advertised hash; a SIGKILL of the learner's JVM and a restart that,
 * by the pair ids in the checkpoint ledgers, neither loses nor double-trains a preference.
 */
@ExtendWith(VertxExtension.class)
class LearnerServiceIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration CHILD_WAIT = Duration.ofSeconds(120);
  private static final int SIZE = 8;

  @RegisterExtension
  static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.withPrefix("lit.");

  /** The learner's command line: the child JVM runs it, the restart in-process parses it. */
  private static List<String> args(Path dir, int port) throws Exception {
    return List.of(
        "--id", "it-learner",
        "--bootstrap", kafka.bootstrapServers(),
        "--topic-prefix", "lit.",
        "--group", "it-learner",
        "--batch", "4",
        "--publish-every", "2",
        "--checkpoints", dir.resolve("store").toString(),
        "--shared-dir", dir.resolve("shared").toString(),
        "--port", Integer.toString(port),
        "--device", "CPU",
        "--base", dir.resolve("base").toString(),
        "--lr", "1e-3",
        "--alpha", "0.5",
        "--tau", "3");
  }

  private static LearnerConfig parse(List<String> args) {
    LearnerMain main = new LearnerMain();
    new CommandLine(main).parseArgs(args.toArray(String[]::new));
    return main.config();
  }

  /** The learner in a child JVM, so that it can be killed with SIGKILL. */
  private static Process child(List<String> args, Path log) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Xmx1g"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(LearnerMain.class.getName());
    command.addAll(args);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private static long childStep(HttpClient http, int port) {
    try {
      String body = get(http, "http://127.0.0.1:" + port + "/status").body();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"step\":(\\d+)").matcher(body);
      return m.find() ? Long.parseLong(m.group(1)) : -1;
    } catch (Exception e) {
      return -1; // not listening yet
    }
  }

  private static LearnerVerticle deploy(Vertx vertx, LearnerConfig config) throws Exception {
    LearnerVerticle verticle = new LearnerVerticle(config);
    vertx.deployVerticle(verticle).await(60, TimeUnit.SECONDS);
    return verticle;
  }

  private static void produce(KafkaProducer<byte[], byte[]> producer, String prefix, int count)
      throws Exception {
    for (int i = 0; i < count; i++) {
      String id = String.format("%s%02d", prefix, i);
      PreferenceLabel label = i % 2 == 0 ? PreferenceLabel.A : PreferenceLabel.B;
      LearnerFixture.send(
          producer, kafka.topics().preferences(), id, TestMessages.preference(id, label, 0, SIZE));
    }
  }

  @Test
  void trainsPublishesAndSurvivesAKillWithEveryPreferenceTrainedExactlyOnce(
      Vertx vertx, @TempDir Path dir) throws Exception {
    LearnerFixture.tinyBase(dir.resolve("base"));
    int childPort = FreePort.pick();
    List<String> childArgs = args(dir, childPort);
    List<String> expected = new ArrayList<>();
    try (KafkaProducer<byte[], byte[]> producer =
        LearnerFixture.producer(kafka.bootstrapServers())) {
      // given 12 A/B preferences, a tie and a poison pill
      produce(producer, "a", 12);
      LearnerFixture.send(
          producer,
          kafka.topics().preferences(),
          "tie",
          TestMessages.preference("tie", PreferenceLabel.TIE, 0, SIZE));
      LearnerFixture.sendRaw(
          producer, kafka.topics().preferences().name(), "junk", new byte[] {1, 2, 3});
      for (int i = 0; i < 12; i++) {
        expected.add(String.format("a%02d", i));
      }

      // when a learner JVM takes 3 steps (policy checkpoint at 2, merge at 3) and gets SIGKILL
      Path childLog = dir.resolve("child.log");
      Process first = child(childArgs, childLog);
      HttpClient http = HttpClient.newHttpClient();
      try {
        LearnerFixture.await(
            "3 steps in the child", CHILD_WAIT, () -> childStep(http, childPort) >= 3);
      } catch (AssertionError e) {
        first.destroyForcibly();
        throw new AssertionError(e.getMessage() + "; child log:\n" + Files.readString(childLog), e);
      }
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      CheckpointStore store = new CheckpointStore(dir.resolve("store"), Optional.empty());
      assertThat(store.latest(ModelRole.POLICY)).hasValue(1);
      assertThat(store.manifest(ModelRole.POLICY, 1).learnerStep()).isEqualTo(2);

      // and restarted in-process, with the same arguments, with 8 more preferences waiting
      produce(producer, "b", 8);
      for (int i = 0; i < 8; i++) {
        expected.add(String.format("b%02d", i));
      }
      LearnerVerticle second = deploy(vertx, parse(args(dir, 0)));
      Learner learner2 = second.learner().orElseThrow();
      assertThat(learner2.status().step())
          .as("status as soon as it is deployed")
          .isGreaterThanOrEqualTo(2);
      LearnerFixture.await(
          "steps 3..5 after the restart",
          WAIT,
          () -> learner2.status().step() >= 5 && learner2.status().pending() == 0);

      // then its HTTP surface answers and its model updates download with the advertised hash
      checkHttp(second.port());
      checkModelUpdates();
      vertx.undeploy(second.deploymentID()).await();
    }

    // and the ledgers of the surviving lineage hold every A/B pair exactly once
    CheckpointStore store = new CheckpointStore(dir.resolve("store"), Optional.empty());
    long latest = store.latest(ModelRole.POLICY).orElseThrow();
    assertThat(store.manifest(ModelRole.POLICY, latest).learnerStep()).isEqualTo(5);
    List<String> trained = new ArrayList<>();
    for (long v = latest; v >= 0; v = store.ledger(v).parentVersion()) {
      store.ledger(v).steps().forEach(s -> trained.addAll(s.fresh()));
    }
    assertThat(trained).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(
            Files.exists(
                dir.resolve("shared")
                    .resolve(CheckpointStore.name(ModelRole.POLICY, latest))
                    .resolve("manifest.json")))
        .isTrue();

    // and the poison pill went to the dead-letter topic with its coordinates
    List<ConsumerRecord<String, DeadLetter>> letters =
        LearnerFixture.readAll(kafka.bootstrapServers(), kafka.topics().deadLetter());
    assertThat(letters).isNotEmpty();
    assertThat(letters.get(0).value().getSourceTopic())
        .isEqualTo(kafka.topics().preferences().name());
    assertThat(letters.get(0).value().getErrorClass()).isEqualTo("TRUNCATED_HEADER");
    List<ConsumerRecord<String, LearnerMetrics>> metrics =
        LearnerFixture.readAll(kafka.bootstrapServers(), kafka.topics().metrics());
    assertThat(metrics).extracting(r -> r.value().getStep()).contains(1L, 2L, 3L, 4L, 5L);

    // and an offline replay of the topic into a fresh store trains the same 20 pairs, then stops
    LearnerConfig replay = parse(args(dir, 0));
    replay =
        LearnerConfig.builder(replay.trainer())
            .learnerId("it-replay")
            .bootstrapServers(kafka.bootstrapServers())
            .topicPrefix("lit.")
            .groupId("it-replay")
            .input(PreferenceInput.TOPIC_REPLAY)
            .inputFile(null)
            .batchSize(4)
            .publishEvery(100)
            .checkpointDir(dir.resolve("replay"))
            .baseCheckpoint(dir.resolve("base"))
            .build();
    Learner offline = Learner.open(replay);
    offline.start("http://127.0.0.1:1/checkpoints/");
    LearnerStatus replayed = offline.done().get(120, TimeUnit.SECONDS);
    assertThat(replayed.state()).isEqualTo("STOPPED");
    assertThat(replayed.step()).isEqualTo(5);
    assertThat(replayed.pairsTrained()).isEqualTo(20);
    assertThat(replayed.skipped()).containsEntry("tie", 1L).containsEntry("undecodable", 1L);
  }

  private static void checkHttp(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + port;
    HttpResponse<String> health = get(http, base + "/health");
    HttpResponse<String> metrics = get(http, base + "/metrics");
    HttpResponse<String> status = get(http, base + "/status");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("prefloop_learner_steps_total", "prefloop_learner_staleness");
    assertThat(status.body()).contains("\"state\":\"RUNNING\"", "\"step\":5");
    assertThat(get(http, base + "/checkpoints/policy-v000001/../../x").statusCode()).isEqualTo(404);
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void checkModelUpdates() throws Exception {
    List<ModelUpdate> updates =
        LearnerFixture.readAll(kafka.bootstrapServers(), kafka.topics().modelUpdates()).stream()
            .map(ConsumerRecord::value)
            .toList();
    assertThat(updates).anySatisfy(u -> assertThat(u.getRole()).isEqualTo(ModelRole.REFERENCE));
    ModelUpdate policy =
        updates.stream()
            .filter(u -> u.getRole() == ModelRole.POLICY)
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(policy.getVersion()).isEqualTo(2);
    assertThat(policy.getParentVersion()).isEqualTo(1L);
    Path downloaded = Files.createTempFile("weights", ".params");
    HttpResponse<Path> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(policy.getUri() + "weights.params"))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofFile(downloaded));
    assertThat(response.statusCode()).isEqualTo(200);
    byte[] bytes = Files.readAllBytes(downloaded);
    assertThat((long) bytes.length).isEqualTo(policy.getBytes());
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
        .isEqualTo(policy.getSha256());
    try (LoadedCheckpoint loaded = new CheckpointLoader().load(policy.getUri())) {
      assertThat(loaded.manifest().weightsSha256()).isEqualTo(policy.getSha256());
      assertThat(loaded.manifest().extra()).containsKey("learnerConfig");
    }
    Files.delete(downloaded);
  }
}
