package prefloop.app.dashboard;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.app.sentinel.LearnerControl;
import prefloop.app.sentinel.SentinelWatch;
import prefloop.schemas.avro.ModelUpdate;
import prefloop.schemas.health.KafkaProbe;
import prefloop.schemas.http.InvalidRequestAnswer;

/**
 * The live dashboard: reads the topics into {@link DashboardState}, renders a sample grid per
 * policy version off the event loop and, on the same worker, scores it for the win-rate {@link
 * LearningCurve} against the base (version 0, rendered first), and serves the page ({@code GET /}),
 * the state ({@code GET /api/state}), its live stream ({@code GET /events}, server-sent events),
 * the grids ({@code GET /grid/latest.png}, {@code /grid/<version>.png}), {@code /health} and {@code
 * /metrics}.
 */
public final class DashboardVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(DashboardVerticle.class);
  // people label a pair every few seconds at most: a fresher view would only cost the rater
  private static final Duration PEOPLE_POLL = Duration.ofSeconds(5);

  private final DashboardConfig config;
  private final GridRenderer renderer;
  private final LongSupplier clock;
  private final GridSpec gridSpec;
  private final GridStore grids;
  private final GridScorer scorer;
  private final LearningCurve curve;
  private final SentinelWatch sentinel;
  private final PeopleFeed people;
  private final DashboardMeters meters;
  private final DashboardState state;
  private final AtomicLong gridsRendered = new AtomicLong();
  private volatile String gridError;
  private EventStream events;
  private GridScheduler gridScheduler;
  private KafkaFeed feed;
  private HttpServer server;
  private long pushTimer = -1;
  private long probeTimer = -1;
  private long peopleTimer = -1;
  private KafkaProbe kafkaProbe;

  /** A dashboard that samples grids with DDIM under each checkpoint's own noise schedule. */
  public DashboardVerticle(DashboardConfig config) {
    this(
        config,
        config.base().map(DdimGridRenderer::forBase).orElseGet(DdimGridRenderer::new),
        System::currentTimeMillis);
  }

  DashboardVerticle(DashboardConfig config, GridRenderer renderer, LongSupplier clock) {
    this.config = config;
    this.renderer = renderer;
    this.scorer = new GridScorer(config.rewardDir(), config.raterModels());
    this.clock = clock;
    this.gridSpec = GridSpec.of(config);
    this.grids = new GridStore(config.gridVersionsKept());
    this.curve = new LearningCurve(config.historyLimit());
    this.state = new DashboardState(config, clock.getAsLong());
    this.sentinel =
        new SentinelWatch(
            config.sentinel(),
            config.learnerUrl() == null ? null : new LearnerControl(config.learnerUrl()),
            Clock.systemUTC());
    this.people = config.raterUrl() == null ? null : new PeopleFeed(config.raterUrl(), clock);
    this.meters = new DashboardMeters(gridsRendered::get, () -> events == null ? 0 : events.size());
  }

  @Override
  public Future<?> start() {
    events = new EventStream();
    kafkaProbe = new KafkaProbe("dashboard", config.bootstrapServers());
    kafkaProbe.probe();
    probeTimer = vertx.setPeriodic(2_000, id -> kafkaProbe.probe());
    if (people != null) {
      people.poll();
      peopleTimer = vertx.setPeriodic(PEOPLE_POLL.toMillis(), id -> people.poll());
    }
    feed = new KafkaFeed(config, state, this::onPolicyUpdate, clock);
    Future<Void> consuming = Future.fromCompletionStage(feed.start(), context);
    Future<HttpServer> listening =
        InvalidRequestAnswer.install(vertx.createHttpServer(), vertx)
            .requestHandler(new DashboardRoutes(this).router(vertx))
            .listen(config.port(), config.host())
            .onSuccess(s -> server = s);
    pushTimer = vertx.setPeriodic(config.pushInterval().toMillis(), id -> push());
    gridScheduler =
        new GridScheduler(
            vertx, config.gridMinInterval(), config.sentinel().cpuShare(), clock, this::renderGrid);
    // Before any policy update can be requested (they arrive through the context, after start()):
    // the base's grid is the learning curve's baseline, so it is rendered and scored first.
    config.base().ifPresent(base -> gridScheduler.request(base, LearningCurve.BASE_VERSION));
    return Future.all(consuming, listening)
        .onSuccess(
            v ->
                log.info(
                    "dashboard at http://{}:{}/ reading {} (topics {}*)",
                    config.host(),
                    server.actualPort(),
                    config.bootstrapServers(),
                    config.topicPrefix()));
  }

  @Override
  public Future<?> stop() throws InterruptedException {
    vertx.cancelTimer(pushTimer);
    vertx.cancelTimer(probeTimer);
    vertx.cancelTimer(peopleTimer);
    kafkaProbe.close();
    Future<Void> rendered = gridScheduler.cancel();
    if (feed != null) {
      feed.close();
    }
    events.closeAll();
    Future<?> closing = server == null ? Future.succeededFuture() : server.close();
    return closing
        .eventually(() -> rendered)
        .eventually(() -> vertx.executeBlocking(() -> closeScorer(), false));
  }

  /** The port the page is served on (after start). */
  public int port() {
    return server.actualPort();
  }

  /** Whether the consumer thread is alive and the broker answers. */
  boolean healthy() {
    return feed != null && feed.isRunning() && kafkaProbe != null && kafkaProbe.reachable();
  }

  private void onPolicyUpdate(ModelUpdate update) {
    context.runOnContext(v -> gridScheduler.request(update.getUri(), update.getVersion()));
  }

  /**
   * Renders on a worker thread, scores the images there for the learning curve, lets the sentinel
   * judge them, and stores the PNG; failures are shown on the page. Completes with the CPU time the
   * worker spent, which paces the next render.
   */
  private Future<Duration> renderGrid(String location, long version) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return vertx
        .executeBlocking(
            () -> {
              long cpu = threads.getCurrentThreadCpuTime();
              GridRenderer.RenderedGrid grid = renderer.render(location, version, gridSpec);
              score(version, grid);
              judge(version, grid);
              grids.put(version, grid.png());
              archive(version, grid.png());
              long spent = threads.getCurrentThreadCpuTime() - cpu;
              sentinel.spent(spent);
              return Duration.ofNanos(spent);
            },
            false)
        .onSuccess(
            cpu -> {
              gridsRendered.incrementAndGet();
              gridError = null;
              log.info(
                  "sample grid of policy version {} rendered ({} ms CPU)", version, cpu.toMillis());
            })
        .onFailure(
            e -> {
              gridError = "version " + version + ": " + e.getMessage();
              log.warn("cannot render the sample grid of {} (version {})", location, version, e);
            });
  }

  /** Writes the grid to {@code gridDir} when one is set; a failed write costs the file only. */
  private void archive(long version, byte[] png) {
    if (config.gridDir() == null) {
      return;
    }
    Path file = config.gridDir().resolve("v" + version + ".png");
    try {
      Files.createDirectories(config.gridDir());
      Files.write(file, png);
    } catch (IOException e) {
      log.warn("cannot write the sample grid of version {} to {}", version, file, e);
    }
  }

  /** Adds {@code grid} to the learning curve; a scoring failure costs the point, not the grid. */
  private void score(long version, GridRenderer.RenderedGrid grid) {
    try {
      scorer
          .score(gridSpec.cellPrompts(), grid.images())
          .ifPresent(scores -> curve.record(version, scores));
    } catch (RuntimeException e) {
      log.warn("cannot score the sample grid of version {} for the learning curve", version, e);
    }
  }

  /** The base's grid is the sentinel's reference; later versions are judged against it. */
  private void judge(long version, GridRenderer.RenderedGrid grid) {
    if (version == LearningCurve.BASE_VERSION) {
      sentinel.base(gridSpec.cellPrompts(), grid.images());
      return;
    }
    Optional<LearningCurve.Point> point = curve.point(version);
    sentinel.judge(
        version,
        point.map(LearningCurve.Point::rates).orElse(Map.of()),
        point.map(LearningCurve.Point::heldOut).orElse(Map.of()),
        gridSpec.cellPrompts(),
        grid.images());
  }

  private Void closeScorer() {
    scorer.close();
    return null;
  }

  private void push() {
    long now = clock.getAsLong();
    state.sampleThroughput(now);
    if (events.size() > 0) {
      events.send("state", snapshot().encode());
    }
  }

  /** The state with the grid section, as served by /api/state and /events. */
  public JsonObject snapshot() {
    JsonObject grid =
        new JsonObject()
            .put("latest", grids.latestVersion().orElse(null))
            .put("versions", grids.versions())
            .put("prompts", gridSpec.prompts())
            .put("seeds", gridSpec.seeds())
            .put("error", gridError);
    return state
        .toJson(clock.getAsLong())
        .put("grid", grid)
        .put("learningCurve", curve.toJson())
        .put("learningCurveProblem", scorer.problem())
        .put("sentinel", sentinel.toJson())
        .put("people", people == null ? null : people.toJson());
  }

  DashboardMeters meters() {
    return meters;
  }

  LearningCurve curve() {
    return curve;
  }

  SentinelWatch sentinel() {
    return sentinel;
  }

  GridStore grids() {
    return grids;
  }

  EventStream events() {
    return events;
  }

  long gridsRendered() {
    return gridsRendered.get();
  }

  /** Serves a classpath asset with {@code contentType}. */
  static void send(RoutingContext ctx, String contentType, Buffer body) {
    ctx.response().putHeader("Content-Type", contentType).end(body);
  }
}
