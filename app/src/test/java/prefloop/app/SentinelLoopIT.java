package prefloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.app.sentinel.SentinelAction;
import prefloop.app.sentinel.SentinelConfig;
import prefloop.broker.BrokerConfig;
import prefloop.broker.EmbeddedKafka;
import prefloop.broker.FreePort;
import prefloop.broker.TopicReader;
import prefloop.diffusion.checkpoint.ServiceToken;
import prefloop.learner.service.LearnerStatus;
import prefloop.rater.model.ModelSpec;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.GeneratedPair;

/**
 * The sentinel in the whole loop (issue 16), small and fast: a rater that rewards brightness, a
 * learner with a large learning rate, and a sentinel with thresholds so tight that the first moved
 * grid trips them. The alarm must reach the learner, which goes back to the last good version and
 * publishes it anew, and the generator must then sample from that version. How well the default
 * thresholds separate hacking from honest learning is measured in docs, not here.
 */
class SentinelLoopIT {
  private static final String PREFIX = "sentit.";
  private static final Duration PATIENCE = Duration.ofMinutes(5);

  @TempDir Path dir;

  @Test
  void anAlarmRollsTheLearnerBackTheGeneratorServesTheRestoredVersionAndFreezeWaitsForAResume()
      throws Exception {
    try (EmbeddedKafka kafka =
        EmbeddedKafka.start(BrokerConfig.ephemeral().withTopicPrefix(PREFIX))) {
      Path base = LoopFixtures.smallBase(dir.resolve("base"));
      LoopPlan plan =
          LoopFixtures.fastPlan(
                  kafka.bootstrapServers(),
                  PREFIX,
                  base,
                  dir.resolve("run"),
                  trainer -> trainer.withLearningRate(1e-3),
                  generator -> generator,
                  FreePort.pick())
              .withRaterModels(List.of(ModelSpec.parse("bright:brightness:1:0.02")))
              .withSentinel(
                  SentinelConfig.defaults()
                      .withAction(SentinelAction.FREEZE)
                      .withBetaFactor(2)
                      .withPatience(1)
                      .withStatisticShift(0.01)
                      .withStatisticZ(1));
      plan =
          new LoopPlan(
              plan.generator(),
              plan.rater(),
              plan.learner(),
              plan.dashboard()
                  .withGridPrompts(4)
                  .withGridSeeds(2)
                  .withGridSteps(2)
                  .withGridMinInterval(Duration.ZERO));
      try (LocalLoop loop = LocalLoop.start(plan);
          TopicReader<GeneratedPair> pairs =
              new TopicReader<>(kafka.bootstrapServers(), Topics.withPrefix(PREFIX).pairs())) {
        LoopFixtures.await(
            () -> rolledBack(loop.state()), "a sentinel alarm the learner accepted", PATIENCE);
        JsonObject alert = alerts(loop.state()).getJsonObject(0);
        LoopFixtures.await(
            () -> learnerStatus(loop).rollbacks() >= 1, "the learner to roll back", PATIENCE);
        // the restored weights went out as the learner's newest version, or one before it
        long restored = learnerStatus(loop).policyVersion();
        LoopFixtures.await(
            () -> pairs.poll().stream().anyMatch(p -> p.getPolicyVersion() >= restored),
            "a pair sampled by a version published after the rollback",
            PATIENCE);
        assertThat(alert.getString("action")).isEqualTo("FREEZE");
        assertThat(alert.getLong("lastGood")).isLessThan(alert.getLong("version"));
        LoopFixtures.await(
            () -> "PAUSED".equals(learnerStatus(loop).state()), "the learner to pause", PATIENCE);

        HttpResponse<String> resumed = resume(loop);

        assertThat(resumed.statusCode()).isEqualTo(202);
        // once resumed it trains; the tight sentinel may freeze it again, which also needs a resume
        LoopFixtures.await(
            () ->
                "RUNNING".equals(learnerStatus(loop).state())
                    || learnerStatus(loop).rollbacks() >= 2,
            "training to resume",
            PATIENCE);
      }
    }
  }

  private static HttpResponse<String> resume(LocalLoop loop) throws Exception {
    URI resume = URI.create(loop.learnerUrl()).resolve("/control/resume");
    HttpRequest request =
        ServiceToken.authorise(HttpRequest.newBuilder(resume))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static LearnerStatus learnerStatus(LocalLoop loop) {
    return loop.learner().learner().orElseThrow().status();
  }

  private static boolean rolledBack(JsonObject state) {
    JsonArray alerts = alerts(state);
    return !alerts.isEmpty()
        && alerts.getJsonObject(0).getString("outcome").contains("rollingBackTo");
  }

  private static JsonArray alerts(JsonObject state) {
    return state
        .getJsonObject("sentinel", new JsonObject())
        .getJsonArray("alerts", new JsonArray());
  }
}
