package prefloop.app;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.app.dashboard.DashboardConfig;
import prefloop.app.dashboard.DashboardVerticle;
import prefloop.broker.EmbeddedKafka;
import prefloop.generator.GeneratorConfig;
import prefloop.generator.GeneratorVerticle;
import prefloop.learner.core.TrainerConfig;
import prefloop.learner.service.LearnerConfig;
import prefloop.learner.service.LearnerVerticle;
import prefloop.rater.service.RaterConfig;
import prefloop.rater.service.RaterVerticle;

/**
 * The whole loop in one process: generator, rater, learner and dashboard as verticles of one Vert.x
 * instance, on a broker that is already running. Deployed and stopped in data-flow order: the
 * generator stops first, so it never fetches the learner's final checkpoint from a server that is
 * closing, and the learner still writes that checkpoint while the broker is up.
 */
final class LocalLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalLoop.class);
  private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(3);

  private final Vertx vertx = Vertx.vertx();
  private final List<String> deployments = new ArrayList<>();
  private GeneratorVerticle generator;
  private RaterVerticle rater;
  private LearnerVerticle learner;
  private DashboardVerticle dashboard;

  /** Starts the four services against {@code kafka}; {@code runDir} holds learner checkpoints. */
  static LocalLoop start(EmbeddedKafka kafka, String topicPrefix, Path baseModel, Path runDir)
      throws Exception {
    LocalLoop loop = new LocalLoop();
    try {
      loop.deployAll(kafka.bootstrapServers(), topicPrefix, baseModel, runDir);
      return loop;
    } catch (Exception e) {
      loop.close();
      throw e;
    }
  }

  private void deployAll(String bootstrap, String prefix, Path baseModel, Path runDir)
      throws Exception {
    LearnerConfig learnerConfig =
        LearnerConfig.builder(TrainerConfig.defaults())
            .bootstrapServers(bootstrap)
            .topicPrefix(prefix)
            .baseCheckpoint(baseModel)
            .checkpointDir(runDir.resolve("checkpoints"))
            .build();
    GeneratorConfig generatorConfig =
        GeneratorConfig.defaults(bootstrap, baseModel.toString()).withTopicPrefix(prefix);
    // The learner commits its offsets at each checkpoint, so the generator sees up to
    // publishEvery × batchSize preferences as lag; a smaller bound would pause it for good.
    long uncommitted = (long) learnerConfig.publishEvery() * learnerConfig.batchSize();
    generatorConfig =
        generatorConfig.withBackpressure(
            generatorConfig
                .backpressure()
                .withMaxBacklog(
                    Math.max(generatorConfig.backpressure().maxBacklog(), 2 * uncommitted)));
    generator = deploy(new GeneratorVerticle(generatorConfig));
    rater = deploy(new RaterVerticle(RaterConfig.defaults(bootstrap).withTopicPrefix(prefix)));
    learner = deploy(new LearnerVerticle(learnerConfig));
    dashboard =
        deploy(
            new DashboardVerticle(
                DashboardConfig.defaults(bootstrap).withBaseCheckpoint(baseModel)));
  }

  private <V extends io.vertx.core.Deployable> V deploy(V verticle) throws Exception {
    String id =
        vertx
            .deployVerticle(verticle)
            .toCompletionStage()
            .toCompletableFuture()
            .get(DEPLOY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    deployments.add(id);
    LOG.info("deployed {}", verticle.getClass().getSimpleName());
    return verticle;
  }

  String dashboardUrl() {
    return "http://127.0.0.1:" + dashboard.port() + "/";
  }

  String ratingPageUrl() {
    return "http://127.0.0.1:" + rater.port() + "/rate/";
  }

  String generatorUrl() {
    return "http://127.0.0.1:" + generator.httpPort() + "/status";
  }

  String learnerUrl() {
    return "http://127.0.0.1:" + learner.port() + "/status";
  }

  @Override
  public void close() throws Exception {
    for (String id : deployments) {
      try {
        vertx.undeploy(id).toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
      } catch (Exception e) {
        LOG.warn("stopping deployment {} failed: {}", id, e.toString());
      }
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
  }
}
