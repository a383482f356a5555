package prefloop.rater.service;

import io.vertx.core.Vertx;

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

  /** The port of the rating page and API. */
  int port() {
    return verticle.port();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
