package prefloop.app;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.app.dashboard.DashboardConfig;
import prefloop.app.dashboard.DashboardVerticle;
import prefloop.generator.GeneratorVerticle;
import prefloop.learner.service.LearnerVerticle;
import prefloop.rater.service.RaterVerticle;

/**
 * The whole loop in one process: generator, rater, learner and dashboard as verticles of one Vert.x
 * instance, on a broker that is already running. Deployed and stopped in the same order, learner
 * last: the generator and the dashboard stop before the learner publishes its final checkpoint, so
 * neither fetches it from a server that is closing, and the learner still writes that checkpoint
 * while the broker is up.
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

  /** Starts the four services of {@code plan}; the broker must already be reachable. */
  static LocalLoop start(LoopPlan plan) throws Exception {
    LocalLoop loop = new LocalLoop();
    try {
      loop.deployAll(plan);
      return loop;
    } catch (Exception e) {
      loop.close();
      throw e;
    }
  }

  private void deployAll(LoopPlan plan) throws Exception {
    generator = deploy(new GeneratorVerticle(plan.generator()));
    rater = deploy(new RaterVerticle(plan.rater()));
    dashboard = deploy(new DashboardVerticle(dashboardConfig(plan)));
    learner = deploy(new LearnerVerticle(plan.learner()));
  }

  /**
   * The dashboard shows the people rating pairs as the running rater reports them, scores its grids
   * with the rater's models too, and its sentinel sends rollbacks to the learner when the learner's
   * port is known up front.
   */
  private DashboardConfig dashboardConfig(LoopPlan plan) {
    DashboardConfig dashboard = plan.dashboard();
    if (dashboard.raterModels().isEmpty()) {
      dashboard = dashboard.withRaterModels(plan.rater().models());
    }
    if (dashboard.raterUrl() == null) {
      dashboard = dashboard.withRaterUrl("http://127.0.0.1:" + rater.port() + "/");
    }
    int port = plan.learner().httpPort();
    return dashboard.learnerUrl() == null && port > 0
        ? dashboard.withLearnerUrl("http://127.0.0.1:" + port + "/")
        : dashboard;
  }

  private <V extends io.vertx.core.Deployable> V deploy(V verticle) throws Exception {
    String id = vertx.deployVerticle(verticle).await(DEPLOY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    deployments.add(id);
    LOG.info("deployed {}", verticle.getClass().getSimpleName());
    return verticle;
  }

  /** The dashboard's state JSON (what {@code /api/state} serves). */
  JsonObject state() {
    return dashboard.snapshot();
  }

  /** The running learner's service verticle. */
  LearnerVerticle learner() {
    return learner;
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
        vertx.undeploy(id).await(2, TimeUnit.MINUTES);
      } catch (Exception e) {
        LOG.warn("stopping deployment {} failed: {}", id, e.toString());
      }
    }
    vertx.close().await(1, TimeUnit.MINUTES);
  }
}
