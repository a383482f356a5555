package prefloop.rater.service;

import io.vertx.core.Vertx;
import java.util.List;
import prefloop.rater.TestPairs;
import prefloop.rater.ensemble.EnsembleMode;
import prefloop.rater.model.ModelSpec;

/** A rater verticle deployed on a Vert.x of its own, for one test class; closing it stops both. */
final class DeployedRater implements AutoCloseable {
  private final Vertx vertx;
  private final RaterVerticle verticle;

  private DeployedRater(Vertx vertx, RaterVerticle verticle) {
    this.vertx = vertx;
    this.verticle = verticle;
  }

  static DeployedRater start(RaterConfig config) {
    Vertx vertx = Vertx.vertx();
    RaterVerticle verticle = new RaterVerticle(config);
    vertx.deployVerticle(verticle).await();
    return new DeployedRater(vertx, verticle);
  }

  /**
   * A rater of {@code models} on {@code bootstrap}, its HTTP on a free port, labelling by the
   * Bradley–Terry rule, which tests can recompute (Pareto labels are the default).
   */
  static RaterConfig weightedSumConfig(String bootstrap, List<ModelSpec> models) {
    return RaterConfig.defaults(bootstrap)
        .withModels(models, TestPairs.MODEL_DIR)
        .withMode(EnsembleMode.WEIGHTED_SUM)
        .withHttp(0, "");
  }

  /** The port of the rating page and API. */
  int port() {
    return verticle.port();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
