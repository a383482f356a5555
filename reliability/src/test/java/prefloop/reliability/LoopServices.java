package prefloop.reliability;

import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import prefloop.app.dashboard.DashboardConfig;
import prefloop.app.dashboard.DashboardVerticle;
import prefloop.generator.BackpressureConfig;
import prefloop.generator.GeneratorConfig;
import prefloop.generator.GeneratorVerticle;
import prefloop.generator.SamplingConfig;
import prefloop.learner.core.TrainerConfig;
import prefloop.learner.service.CheckpointRetention;
import prefloop.learner.service.LearnerConfig;
import prefloop.learner.service.LearnerStatus;
import prefloop.learner.service.LearnerVerticle;
import prefloop.learner.service.StalePolicy;
import prefloop.rater.human.HumanPolicy;
import prefloop.rater.model.ModelSpec;
import prefloop.rater.service.RaterConfig;
import prefloop.rater.service.RaterVerticle;

/**
 * The four services of the loop (generator, rater, learner, dashboard) as verticles of one Vert.x
 * instance on a running broker, with small models: what {@code up} runs, at test size.
 */
final class LoopServices implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final Map<String, String> deployments = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private GeneratorVerticle generator;
  private RaterVerticle rater;
  private LearnerVerticle learner;
  private DashboardVerticle dashboard;

  /**
   * Starts every service on the broker at {@code bootstrap}.
   *
   * @param base a 32×32 base checkpoint (see {@link Models#small})
   * @param runDir where the learner keeps its checkpoints
   * @param humanFraction share of pairs also offered on the rating page
   */
  static LoopServices start(
      String bootstrap, String prefix, Path base, Path runDir, double humanFraction)
      throws Exception {
    LoopServices loop = new LoopServices();
    try {
      loop.generator =
          loop.deploy("generator", new GeneratorVerticle(generator(bootstrap, prefix, base)));
      loop.rater = loop.deploy("rater", new RaterVerticle(rater(bootstrap, prefix, humanFraction)));
      loop.learner =
          loop.deploy("learner", new LearnerVerticle(learner(bootstrap, prefix, base, runDir)));
      loop.dashboard =
          loop.deploy(
              "dashboard",
              new DashboardVerticle(
                  DashboardConfig.defaults(bootstrap)
                      .withTopicPrefix(prefix)
                      .withBaseCheckpoint(base)
                      .withPort(0)));
      return loop;
    } catch (Exception e) {
      loop.close();
      throw e;
    }
  }

  private static GeneratorConfig generator(String bootstrap, String prefix, Path base) {
    return GeneratorConfig.defaults(bootstrap, base.toString())
        .withTopicPrefix(prefix)
        .withSampling(SamplingConfig.defaults().withSteps(3).withBatchSize(2))
        .withBackpressure(BackpressureConfig.defaults().withMaxBacklog(64));
  }

  private static RaterConfig rater(String bootstrap, String prefix, double humanFraction) {
    HumanPolicy human =
        humanFraction > 0
            ? new HumanPolicy(HumanPolicy.Mode.FRACTION, humanFraction, 1000)
            : new HumanPolicy(HumanPolicy.Mode.NONE, 0, 10);
    return RaterConfig.defaults(bootstrap)
        .withTopicPrefix(prefix)
        .withModels(List.of(ModelSpec.parse("aesthetic:aesthetic:1:0.1")), Models.REWARD_DIR)
        .withHttp(0, "")
        .withHuman(human, Duration.ofSeconds(1));
  }

  private static LearnerConfig learner(String bootstrap, String prefix, Path base, Path runDir) {
    return LearnerConfig.builder(TrainerConfig.defaults().withLearningRate(1e-3))
        .bootstrapServers(bootstrap)
        .topicPrefix(prefix)
        .baseCheckpoint(base)
        .checkpointDir(runDir.resolve("checkpoints"))
        .batchSize(2)
        .publishEvery(2)
        .maxStaleness(LearnerConfig.MAX_STALENESS)
        .stalePolicy(StalePolicy.DROP)
        .staleWeight(1.0)
        .httpPort(0)
        .advertisedHost("127.0.0.1")
        // the ITs walk every policy's ledger back to v0: retention must not prune any
        .retention(CheckpointRetention.keepAll())
        .build();
  }

  private <V extends Deployable> V deploy(String name, V verticle) throws Exception {
    deployments.put(name, vertx.deployVerticle(verticle).await(3, TimeUnit.MINUTES));
    return verticle;
  }

  /** Stops one service (e.g. "generator", so that the loop drains). */
  void stop(String name) throws Exception {
    String id = deployments.remove(name);
    if (id != null) {
      vertx.undeploy(id).await(2, TimeUnit.MINUTES);
    }
  }

  /** Base URL of each service's HTTP server, by service name. */
  Map<String, String> urls() {
    Map<String, String> urls = new LinkedHashMap<>();
    urls.put("generator", "http://127.0.0.1:" + generator.httpPort());
    urls.put("rater", "http://127.0.0.1:" + rater.port());
    urls.put("learner", "http://127.0.0.1:" + learner.port());
    urls.put("dashboard", "http://127.0.0.1:" + dashboard.port());
    return urls;
  }

  /** HTTP status of every service's {@code /health} (-1 when it does not answer). */
  Map<String, Integer> health() {
    Map<String, Integer> codes = new LinkedHashMap<>();
    urls().forEach((name, url) -> codes.put(name, status(url + "/health")));
    return codes;
  }

  int status(String url) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  LearnerStatus learnerStatus() {
    return learner.learner().orElseThrow().status();
  }

  RaterVerticle rater() {
    return rater;
  }

  GeneratorVerticle generator() {
    return generator;
  }

  @Override
  public void close() throws Exception {
    List<String> ids = new ArrayList<>(deployments.values());
    deployments.clear();
    for (String id : ids) {
      try {
        vertx.undeploy(id).await(2, TimeUnit.MINUTES);
      } catch (Exception e) {
        System.err.println("stopping deployment " + id + " failed: " + e);
      }
    }
    vertx.close().await(1, TimeUnit.MINUTES);
  }
}
