package prefloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import prefloop.broker.EmbeddedKafkaExtension;
import prefloop.broker.TopicReader;
import prefloop.learner.service.CheckpointStore;
import prefloop.learner.service.LearnerStatus;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.ModelRole;

/**
 * The whole loop of {@code up} in one process on the embedded broker, with a small 32×32 model:
 * pairs, preferences and learner steps flow; a policy update is broadcast and later pairs carry it;
 * stopping leaves a checkpoint, and a second loop on the same run directory resumes from it.
 */
class LocalLoopIT {
  private static final String PREFIX = "loopit.";
  private static final Duration PATIENCE = Duration.ofMinutes(4);

  @TempDir static Path dir;

  @RegisterExtension
  static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.withPrefix(PREFIX);

  @Test
  void pairsPreferencesAndStepsFlowAndARestartResumesFromTheFinalCheckpoint() throws Exception {
    Path base = LoopFixtures.smallBase(dir.resolve("base"));
    Path runDir = dir.resolve("run");
    TopicReader<GeneratedPair> pairs =
        new TopicReader<>(kafka.bootstrapServers(), Topics.withPrefix(PREFIX).pairs());

    long stepAtStop;
    long policyAtStop;
    long stepBeforeStop;
    try (LocalLoop loop = LocalLoop.start(plan(base, runDir))) {
      await(() -> status(loop).policyVersion() >= 1, "a policy update is broadcast");
      await(
          () -> pairs.poll().stream().anyMatch(p -> p.getPolicyVersion() >= 1),
          "a pair sampled by the broadcast policy");
      assertThat(pairs.seen()).as("pairs produced").isGreaterThan(2);
      assertThat(status(loop).pairsTrained()).as("preferences trained").isPositive();
      assertThat(loop.state().getJsonObject("totals").getLong("preferences")).isPositive();
      double delta = plan(base, runDir).learner().trainer().reference().delta();
      await(
          () -> loop.state().getDouble("driftDelta") == delta,
          "the dashboard to show the learner's δ, not its own default");
      labelAPairAsAPersonAndSeeItOnTheDashboard(loop);
      stepBeforeStop = status(loop).step();
    } finally {
      pairs.close();
    }
    CheckpointStore store = new CheckpointStore(runDir.resolve("checkpoints"), Optional.empty());
    policyAtStop = store.latest(ModelRole.POLICY).orElseThrow();
    stepAtStop = store.manifest(ModelRole.POLICY, policyAtStop).learnerStep();
    assertThat(stepAtStop)
        .as("the final checkpoint's learner step")
        .isGreaterThanOrEqualTo(stepBeforeStop);

    try (LocalLoop again = LocalLoop.start(plan(base, runDir))) {
      LearnerStatus resumed = status(again);
      assertThat(resumed.step()).as("step after restart").isGreaterThanOrEqualTo(stepAtStop);
      assertThat(resumed.policyVersion()).isGreaterThanOrEqualTo(policyAtStop);
    }
  }

  /**
   * Closed by default: every service of {@code up} answers on 127.0.0.1 and refuses connections on
   * this machine's other addresses (they used to listen on every interface).
   */
  @Test
  void everyServiceListensOnLoopbackOnly() throws Exception {
    Path base = LoopFixtures.smallBase(dir.resolve("closed-base"));
    List<InetAddress> outside = nonLoopbackAddresses();
    Assumptions.assumeFalse(outside.isEmpty(), "this machine has no address but loopback");
    try (LocalLoop loop = LocalLoop.start(plan(base, dir.resolve("closed-run")))) {
      for (String url :
          List.of(
              loop.dashboardUrl(), loop.ratingPageUrl(), loop.generatorUrl(), loop.learnerUrl())) {
        int port = URI.create(url).getPort();
        assertThat(connects(InetAddress.getLoopbackAddress(), port)).as(url).isTrue();
        for (InetAddress address : outside) {
          assertThat(connects(address, port)).as(address + ":" + port).isFalse();
        }
      }
    }
  }

  private static List<InetAddress> nonLoopbackAddresses() throws Exception {
    List<InetAddress> addresses = new ArrayList<>();
    for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (network.isUp() && !network.isLoopback()) {
        for (InetAddress address : Collections.list(network.getInetAddresses())) {
          if (address instanceof Inet4Address) {
            addresses.add(address);
          }
        }
      }
    }
    return addresses;
  }

  private static boolean connects(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A person labels through the rating page's API; the dashboard's people panel counts it, as a
   * label or, when the pair served was a gold pair, as a gold answer.
   */
  private static void labelAPairAsAPersonAndSeeItOnTheDashboard(LocalLoop loop) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI api = URI.create(loop.ratingPageUrl()).resolve("/api/");
    JsonObject[] task = new JsonObject[1];
    await(
        () -> {
          try {
            HttpResponse<String> next =
                http.send(
                    HttpRequest.newBuilder(api.resolve("next?rater=ann")).build(),
                    HttpResponse.BodyHandlers.ofString());
            task[0] = next.statusCode() == 200 ? new JsonObject(next.body()) : null;
            return task[0] != null;
          } catch (IOException e) {
            return false;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        },
        "a pair waiting for people on the rating page");
    JsonObject label =
        new JsonObject()
            .put("rater", "ann")
            .put("pair_id", task[0].getString("pair_id"))
            .put("choice", "left");
    HttpResponse<String> labelled =
        http.send(
            HttpRequest.newBuilder(api.resolve("label"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(label.encode()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(labelled.statusCode()).as(labelled.body()).isEqualTo(200);
    await(
        () -> {
          JsonObject ann =
              loop.state().getJsonObject("people").getJsonObject("raters").getJsonObject("ann");
          // while the people's queue is empty, /api/next may already have served ann a gold pair
          // (5% of servings, drawn per serving): her answer then counts as gold seen, not labelled
          return ann != null && ann.getInteger("labelled") + ann.getInteger("goldSeen") == 1;
        },
        "the dashboard to show ann's label, read from the running rater");
  }

  private static LoopPlan plan(Path base, Path runDir) {
    return LoopFixtures.fastPlan(kafka.bootstrapServers(), PREFIX, base, runDir);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    LoopFixtures.await(condition, what, PATIENCE);
  }

  private static LearnerStatus status(LocalLoop loop) {
    return loop.learner().learner().orElseThrow().status();
  }
}
