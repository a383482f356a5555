package prefloop.app.dashboard;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import prefloop.app.sentinel.SentinelOptions;
import prefloop.rater.model.ModelSpec;
import prefloop.schemas.kafka.KafkaOptions;

/**
 * {@code prefloop dashboard}: the dashboard alone, against any Kafka. Every option also reads an
 * environment variable (PREFLOOP_*), which is how docker-compose configures it.
 */
@Command(
    name = "dashboard",
    description = "Serve the live dashboard of a running loop (reads the topics of a Kafka).")
public final class DashboardCommand implements Callable<Integer> {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  @Mixin KafkaOptions kafka = new KafkaOptions();

  @Option(
      names = "--host",
      defaultValue = "${env:PREFLOOP_HTTP_HOST:-127.0.0.1}",
      description =
          "Interface to serve on: 127.0.0.1 keeps it to this machine, 0.0.0.0 opens it to every"
              + " interface (env PREFLOOP_HTTP_HOST; default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "${env:PREFLOOP_HTTP_PORT:-8090}",
      description =
          "HTTP port, 0 = any free one (env PREFLOOP_HTTP_PORT; default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--base-checkpoint",
      paramLabel = "DIR",
      defaultValue = "${env:PREFLOOP_BASE_CHECKPOINT}",
      description =
          "Base model checkpoint, shown as grid version 0 (env PREFLOOP_BASE_CHECKPOINT).")
  String baseCheckpoint;

  @Option(
      names = "--reward-dir",
      paramLabel = "DIR",
      defaultValue = "${env:PREFLOOP_REWARD_DIR:-models/reward}",
      description =
          "Reward checkpoints that score every grid for the win rate vs base per policy version;"
              + " missing ones only turn that chart off (env PREFLOOP_REWARD_DIR;"
              + " default: ${DEFAULT-VALUE}).")
  Path rewardDir;

  @Option(
      names = "--grid-steps",
      paramLabel = "S",
      defaultValue = "10",
      description =
          "DDIM steps of the sample grid (8 held-out prompts × 4 seeds; default: ${DEFAULT-VALUE}).")
  int gridSteps;

  @Option(
      names = "--grid-interval",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "Least seconds between two grid renders (default: ${DEFAULT-VALUE}).")
  long gridMinIntervalSeconds;

  @Option(
      names = "--grid-dir",
      paramLabel = "DIR",
      description =
          "Also write every rendered grid there as v<version>.png, so a run's pictures outlive it"
              + " (default: kept in memory only).")
  Path gridDir;

  @Option(
      names = "--drift-delta",
      paramLabel = "δ",
      defaultValue = "0.005",
      description =
          "δ drawn on the drift chart until the learner reports its own (default: ${DEFAULT-VALUE}).")
  double driftDelta;

  @Option(
      names = "--learner-url",
      paramLabel = "URL",
      defaultValue = "${env:PREFLOOP_LEARNER_URL}",
      description =
          "The learner's HTTP base URL (e.g. http://127.0.0.1:8083/), where the reward-hacking"
              + " sentinel sends rollbacks; without it the sentinel only alerts"
              + " (env PREFLOOP_LEARNER_URL).")
  String learnerUrl;

  @Option(
      names = "--rater-url",
      paramLabel = "URL",
      defaultValue = "${env:PREFLOOP_RATER_URL}",
      description =
          "The rater's HTTP base URL (e.g. http://127.0.0.1:8082/), whose rating page reports how"
              + " far the people rating pairs agree; without it there is no people panel"
              + " (env PREFLOOP_RATER_URL).")
  String raterUrl;

  @Option(
      names = "--rater-model",
      paramLabel = "SPEC",
      description =
          "A model the rater labels with (name:kind:weight:scale[:location], as the rater's"
              + " --model; repeatable): it scores the grids as a training model, so the sentinel"
              + " sees the reward the policy is trained on. Default: the panel's fidelity and"
              + " aesthetic, the default rater's.")
  List<String> raterModels = List.of();

  @Mixin SentinelOptions sentinel = new SentinelOptions();

  DashboardConfig config() {
    return DashboardConfig.defaults(kafka.bootstrapServers())
        .withTopicPrefix(kafka.topicPrefix())
        .withHost(host)
        .withPort(port)
        .withBaseCheckpoint(baseCheckpoint)
        .withGridSteps(gridSteps)
        .withGridMinInterval(Duration.ofSeconds(gridMinIntervalSeconds))
        .withGridDir(gridDir)
        .withDriftDelta(driftDelta)
        .withRewardDir(rewardDir)
        .withLearnerUrl(learnerUrl)
        .withRaterUrl(raterUrl)
        .withSentinel(sentinel.config())
        .withRaterModels(raterModels.stream().map(ModelSpec::parse).toList());
  }

  @Override
  public Integer call() throws Exception {
    DashboardConfig config = config();
    Vertx vertx = Vertx.vertx();
    DashboardVerticle dashboard = new DashboardVerticle(config);
    vertx
        .deployVerticle(dashboard)
        .toCompletionStage()
        .toCompletableFuture()
        .get(STOP_TIMEOUT.toSeconds() * 6, TimeUnit.SECONDS);
    String shown = host.equals("0.0.0.0") ? "localhost" : host;
    System.out.println("prefloop dashboard: http://" + shown + ":" + dashboard.port() + "/");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  vertx
                      .close()
                      .toCompletionStage()
                      .toCompletableFuture()
                      .orTimeout(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                      .join();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }
}
