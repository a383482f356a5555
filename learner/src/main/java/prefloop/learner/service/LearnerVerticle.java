package prefloop.learner.service;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.diffusion.checkpoint.ServiceToken;
import prefloop.schemas.health.KafkaProbe;
import prefloop.schemas.http.InvalidRequestAnswer;

/**
 * The learner as a Vert.x service. {@code start()} listens on HTTP and, off the event loop, loads
 * the model and the latest checkpoint; it returns the join of both, then starts the dedicated
 * learner thread. {@code stop()} stops gracefully (final checkpoint). {@link #kill()} stops as a
 * crash would, for tests of exactly-once.
 */
public final class LearnerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LearnerVerticle.class);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
  private static final long PROBE_MS = 2_000;

  private final LearnerConfig config;
  private volatile Learner learner;
  private KafkaProbe probe;
  private HttpServer server;
  private long probeTimer = -1;

  public LearnerVerticle(LearnerConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    ServiceToken.checkExposure("learner", config.bindHost());
    boolean needsKafka = config.input() != PreferenceInput.FILE;
    if (needsKafka) {
      probe = new KafkaProbe("learner", config.bootstrapServers());
      probe.probe();
      probeTimer = vertx.setPeriodic(PROBE_MS, id -> probe.probe());
    }
    server =
        InvalidRequestAnswer.install(vertx.createHttpServer(), vertx)
            .requestHandler(
                LearnerRoutes.router(
                    vertx,
                    () -> Optional.ofNullable(learner),
                    () -> !needsKafka || probe.reachable()));
    Future<HttpServer> listening = server.listen(config.httpPort(), config.bindHost());
    Future<Learner> opened = vertx.executeBlocking(() -> Learner.open(config), false);
    return Future.all(listening, opened)
        .onSuccess(
            all -> {
              learner = opened.result();
              String base = baseUri(listening.result().actualPort());
              learner.start(base);
              LOG.info("learner {} serving on {} ({})", config.learnerId(), base, config.input());
            })
        .onFailure(
            e -> {
              LOG.error("learner did not start: {}", e.toString());
              if (opened.succeeded()) {
                // the model loaded but HTTP failed: release it (no thread was started)
                vertx.executeBlocking(() -> opened.result().stop(STOP_TIMEOUT), false);
              }
            });
  }

  private String baseUri(int port) {
    return "http://" + config.advertisedHost() + ":" + port + "/checkpoints/";
  }

  @Override
  public Future<?> stop() {
    if (probeTimer >= 0) {
      vertx.cancelTimer(probeTimer);
      probeTimer = -1;
    }
    return vertx
        .executeBlocking(
            () -> {
              if (learner != null) {
                learner.stop(STOP_TIMEOUT);
              }
              if (probe != null) {
                probe.close();
              }
              return null;
            },
            false)
        .eventually(this::closeServer);
  }

  /** Ends the learner as a crash would (no final checkpoint); the HTTP server stays up. */
  public Future<LearnerStatus> kill() {
    return vertx.executeBlocking(() -> learner.kill(STOP_TIMEOUT), false);
  }

  private Future<Void> closeServer() {
    if (probeTimer >= 0) {
      vertx.cancelTimer(probeTimer);
    }
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The running learner, once started. */
  public Optional<Learner> learner() {
    return Optional.ofNullable(learner);
  }

  /** The HTTP port actually bound (after start). */
  public int port() {
    return server.actualPort();
  }
}
