package prefloop.rater.service;

import ai.djl.Device;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.rater.ensemble.BradleyTerryLabeller;
import prefloop.rater.ensemble.Ensemble;
import prefloop.rater.ensemble.WeightedModel;
import prefloop.rater.human.HumanApi;
import prefloop.rater.human.HumanLabel;
import prefloop.rater.human.HumanQueue;
import prefloop.rater.human.HumanRatings;
import prefloop.rater.human.RateLimiter;
import prefloop.rater.human.RaterTokens;
import prefloop.rater.kafka.JsonIngress;
import prefloop.rater.kafka.KafkaSettings;
import prefloop.rater.kafka.PairRater;
import prefloop.rater.kafka.Publisher;
import prefloop.rater.kafka.RecordLoop;
import prefloop.rater.model.ModelSpec;
import prefloop.rater.model.RewardModels;
import prefloop.rater.quality.RenderedGoldPairs;
import prefloop.schemas.PairPreference;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.RaterInfo;
import prefloop.schemas.avro.RaterKind;
import prefloop.schemas.health.KafkaProbe;
import prefloop.schemas.http.InvalidRequestAnswer;
import prefloop.schemas.threads.DaemonThreads;

/**
 * The rater service: loads the reward models and starts the model rater and JSON ingress consumers
 * on their own threads (never the event loop), and serves the rating page, {@code /health}, {@code
 * /metrics} and {@code /status}. {@link #start()} completes when the models are loaded, both
 * consumers have their partitions and the HTTP server listens.
 */
public final class RaterVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RaterVerticle.class);
  private static final Duration ASSIGNMENT_TIMEOUT = Duration.ofSeconds(60);

  /** Labels per minute one client address may send: several people may share one address. */
  private static final int LABELS_PER_ADDRESS = 4;

  private final RaterConfig config;
  private final RaterMetrics metrics = new RaterMetrics();
  private final Topics topics;
  private final HumanQueue queue;
  private final HumanRatings ratings;
  private final ExecutorService scoring =
      Executors.newCachedThreadPool(DaemonThreads.named("rater-scoring"));
  private final List<RecordLoop> loops = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile Ensemble ensemble;
  private volatile Publisher publisher;
  private HttpServer server;
  private KafkaProbe kafkaProbe;

  public RaterVerticle(RaterConfig config) {
    this.config = config;
    this.topics = Topics.withPrefix(config.topicPrefix());
    this.queue = new HumanQueue(config.human(), config.seed());
    this.ratings =
        new HumanRatings(
            queue,
            new RateLimiter(config.labelsPerMinute(), System::nanoTime),
            config.undoWindow(),
            Clock.systemUTC(),
            new RenderedGoldPairs(config.seed()),
            config.human().goldRate(),
            config.seed());
  }

  @Override
  public Future<?> start() {
    LOG.info("starting rater: {}", config);
    kafkaProbe = new KafkaProbe("rater", config.bootstrapServers());
    kafkaProbe.probe();
    vertx.setPeriodic(2_000, id -> kafkaProbe.probe());
    Future<Void> kafka =
        vertx.executeBlocking(
            () -> {
              startPipelines();
              return null;
            },
            false);
    Router router = Router.router(vertx);
    router
        .get("/health")
        .handler(
            ctx -> {
              boolean running = loops.size() > 0 && loops.stream().allMatch(RecordLoop::isAlive);
              boolean reachable = kafkaProbe.reachable();
              boolean up = running && reachable;
              ctx.response()
                  .setStatusCode(up ? 200 : 503)
                  .putHeader("Content-Type", "application/json")
                  .end(
                      new JsonObject()
                          .put("status", up ? "UP" : "DOWN")
                          .put("pipelines", running)
                          .put("kafka", reachable)
                          .encode());
            });
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "text/plain; version=0.0.4")
                    .end(metrics.scrape()));
    router
        .get("/status")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .end(status().encodePrettily()));
    new HumanApi(
            ratings,
            queue,
            config.token(),
            config.tokensFile() == null ? null : RaterTokens.load(config.tokensFile()),
            new RateLimiter(config.labelsPerMinute() * LABELS_PER_ADDRESS, System::nanoTime),
            this::publishHuman)
        .mount(router);
    router.get("/").handler(ctx -> ctx.redirect("/rate/"));
    RatingPageFiles.mount(router, "/rate/*");
    Future<HttpServer> http =
        InvalidRequestAnswer.install(vertx.createHttpServer(), vertx)
            .requestHandler(router)
            .listen(config.httpPort(), config.bindHost())
            .onSuccess(s -> server = s);
    vertx.setPeriodic(
        250,
        id -> {
          List<HumanLabel> due = ratings.expired();
          if (!due.isEmpty()) {
            publishHuman(due);
          }
        });
    return Future.all(kafka, http)
        .onSuccess(x -> LOG.info("rater ready: page http://127.0.0.1:{}/rate/", port()));
  }

  private void startPipelines() throws InterruptedException {
    List<WeightedModel> members = new ArrayList<>();
    Device device = config.device().resolve();
    LOG.info("device: {} (requested {})", device, config.device());
    for (ModelSpec spec : config.models()) {
      members.add(
          new WeightedModel(
              RewardModels.create(spec, config.modelDir(), config.modelTimeout(), device),
              spec.weight(),
              spec.scale()));
      LOG.info(
          "loaded reward model {} ({}, weight {}, scale {})",
          spec.name(),
          spec.kind(),
          spec.weight(),
          spec.scale());
    }
    ensemble = new Ensemble(members, config.tieMargin());
    publisher = new Publisher(config.bootstrapServers(), topics, metrics);
    BradleyTerryLabeller labeller =
        new BradleyTerryLabeller(
            config.temperature(), config.tieMargin(), config.mode(), config.seed());
    PairRater rater =
        new PairRater(
            topics,
            ensemble,
            labeller,
            publisher,
            queue,
            metrics,
            config.raterId(),
            config.modelTimeout(),
            scoring,
            config.groupPairs());
    loops.add(
        new RecordLoop(
                "rater-pairs",
                KafkaSettings.consumer(config.bootstrapServers(), config.groupId(), 16),
                topics.pairs().name(),
                rater)
            .start());
    if (config.jsonIngress()) {
      JsonIngress ingress = new JsonIngress(publisher, metrics);
      loops.add(
          new RecordLoop(
                  "rater-json-ingress",
                  KafkaSettings.consumer(
                      config.bootstrapServers(), config.groupId() + "-json-ingress", 100),
                  topics.preferencesJson().name(),
                  ingress)
              .start());
    }
    for (RecordLoop loop : loops) {
      if (!loop.awaitAssignment(ASSIGNMENT_TIMEOUT)) {
        throw new IllegalStateException(
            "no partitions assigned within "
                + ASSIGNMENT_TIMEOUT.toSeconds()
                + " s: is Kafka at "
                + config.bootstrapServers()
                + " up, with the topics created?");
      }
    }
  }

  /** Publishes human labels off the event loop; a failed send is logged with the label. */
  private void publishHuman(List<HumanLabel> labels) {
    Publisher p = publisher;
    if (p == null) {
      LOG.error("cannot publish {} human labels: Kafka producer not started", labels.size());
      return;
    }
    vertx.executeBlocking(
        () -> {
          List<CompletableFuture<?>> sends = new ArrayList<>();
          for (HumanLabel label : labels) {
            sends.add(
                p.preference(humanPreference(label))
                    .whenComplete(
                        (m, e) -> {
                          if (e != null) {
                            LOG.error(
                                "human label {} of pair {} by {} was not published: {}",
                                label.label(),
                                label.task().pairId(),
                                label.rater(),
                                e.toString());
                          } else {
                            metrics.humanPreference();
                          }
                        }));
          }
          CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
          return null;
        },
        false);
  }

  private static Preference humanPreference(HumanLabel label) {
    var pair = label.task().pair();
    return PairPreference.of(pair)
        .setLabel(label.label())
        .setRater(new RaterInfo("human:" + label.rater(), RaterKind.HUMAN))
        .setConfidence(label.confidence())
        .setTrajectory(pair.getTrajectory())
        .setRatedAt(label.at())
        .build();
  }

  private JsonObject status() {
    return new JsonObject()
        .put("raterId", config.raterId())
        .put("models", config.models().stream().map(ModelSpec::name).toList())
        .put("mode", config.mode().name())
        .put("temperature", config.temperature())
        .put("tieMargin", config.tieMargin())
        .put("pairsScored", metrics.pairsScored())
        .put("preferencesPublished", metrics.preferencesPublished())
        .put("deadLetters", metrics.deadLetters())
        .put("humanWaiting", queue.size())
        .put("at", Instant.now().toString());
  }

  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(
        () -> {
          for (RecordLoop loop : loops) {
            loop.close();
          }
          for (HumanLabel label : ratings.flushAll()) {
            if (publisher != null) {
              publisher.preference(humanPreference(label)).join();
            }
          }
          if (publisher != null) {
            publisher.close();
          }
          if (kafkaProbe != null) {
            kafkaProbe.close();
          }
          if (ensemble != null) {
            ensemble.close();
          }
          scoring.shutdownNow();
          return null;
        },
        false);
  }

  /** The HTTP port actually bound (useful with port 0). */
  public int port() {
    return server == null ? -1 : server.actualPort();
  }

  public RaterMetrics metrics() {
    return metrics;
  }

  public HumanQueue humanQueue() {
    return queue;
  }
}
