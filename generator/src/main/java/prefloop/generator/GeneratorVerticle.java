package prefloop.generator;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.diffusion.checkpoint.ServiceToken;
import prefloop.generator.http.HttpApi;
import prefloop.generator.sampling.ServingModel;
import prefloop.schemas.http.InvalidRequestAnswer;

/**
 * The generator as a Vert.x verticle. {@link #start()} returns the joined readiness future: the
 * HTTP server listens and the base checkpoint is loaded and verified (on a worker thread), then
 * production starts. Kafka clients, model loading and sampling never run on the event loop.
 */
public final class GeneratorVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(GeneratorVerticle.class);

  private final GeneratorConfig config;
  private final GeneratorMetrics metrics;
  private GeneratorService service;
  private HttpServer server;

  public GeneratorVerticle(GeneratorConfig config) {
    this(config, new GeneratorMetrics());
  }

  public GeneratorVerticle(GeneratorConfig config, GeneratorMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    ServiceToken.checkExposure("generator", config.bindHost());
    return vertx
        .executeBlocking(() -> new GeneratorService(config, metrics), false)
        .compose(
            created -> {
              service = created;
              Future<HttpServer> http =
                  InvalidRequestAnswer.install(vertx.createHttpServer(), vertx)
                      .requestHandler(HttpApi.router(vertx, created))
                      .listen(config.httpPort(), config.bindHost())
                      .map(
                          listening -> {
                            server = listening;
                            return listening;
                          });
              Future<ServingModel> base = vertx.executeBlocking(created::loadBase, false);
              return Future.join(http, base).map(joined -> base.result());
            })
        .compose(
            base -> {
              service
                  .blobs()
                  .setBaseUrl("http://" + config.advertisedHost() + ":" + server.actualPort());
              return vertx.executeBlocking(
                  () -> {
                    service.start(base);
                    return base;
                  },
                  false);
            })
        .onSuccess(
            base -> LOG.info("generator ready on port {}, serving {}", server.actualPort(), base))
        .onFailure(
            error -> {
              LOG.error("generator failed to start: {}", error.getMessage());
              if (service != null) {
                vertx.executeBlocking(
                    () -> {
                      service.close();
                      return null;
                    },
                    false);
              }
            });
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed.compose(
        ignored ->
            vertx.executeBlocking(
                () -> {
                  if (service != null) {
                    service.close();
                  }
                  return null;
                },
                false));
  }

  /** The HTTP port (after start). */
  public int httpPort() {
    return server.actualPort();
  }

  /** The service behind the verticle (after start). */
  public GeneratorService service() {
    return service;
  }

  public GeneratorMetrics metrics() {
    return metrics;
  }
}
