package prefloop.rater.service;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import prefloop.diffusion.model.DeviceChoice;
import prefloop.rater.ensemble.EnsembleMode;
import prefloop.rater.ensemble.GroupPairs;
import prefloop.rater.human.HumanPolicy;
import prefloop.rater.model.ModelSpec;
import prefloop.schemas.cli.Commands;
import prefloop.schemas.kafka.KafkaOptions;

/** Runs the rater service alone against a Kafka broker. */
@Command(
    name = "rater",
    description = "Rate pairs with reward models and people; bridge JSON preferences.",
    subcommands = RaterTokensCommand.class)
public final class RaterMain implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RaterMain.class);

  @Mixin KafkaOptions kafka = new KafkaOptions();

  @Option(
      names = "--model",
      description =
          "Reward model name:kind:weight:scale[:location], repeatable (default: fidelity + aesthetic).")
  List<String> models;

  @Option(
      names = "--model-dir",
      defaultValue = "models/reward",
      description = "Base of relative model locations (default ${DEFAULT-VALUE}).")
  Path modelDir;

  @Option(
      names = "--mode",
      defaultValue = "PARETO",
      description =
          "PARETO (a label only where every weighted model prefers the same image, else a tie) or"
              + " WEIGHTED_SUM (Bradley–Terry on the weighted margin) (default ${DEFAULT-VALUE}).")
  EnsembleMode mode;

  @Option(
      names = "--temperature",
      defaultValue = "1.0",
      description = "Bradley–Terry temperature (default ${DEFAULT-VALUE}).")
  double temperature;

  @Option(
      names = "--tie-margin",
      defaultValue = "0.05",
      description = "Ties below this |Δ| (default ${DEFAULT-VALUE}).")
  double tieMargin;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Label RNG seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--human-policy",
      defaultValue = "FRACTION",
      description = "NONE, FRACTION or UNCERTAIN (default ${DEFAULT-VALUE}).")
  HumanPolicy.Mode humanMode;

  @Option(
      names = "--human-fraction",
      defaultValue = "0.1",
      description = "Share of pairs shown to people under FRACTION (default ${DEFAULT-VALUE}).")
  double humanFraction;

  @Option(
      names = "--gold-rate",
      defaultValue = "0.05",
      description =
          "Share of the pairs served to a person that are gold pairs (a clean render against a"
              + " visibly degraded one; never published), in [0, 0.5] (default ${DEFAULT-VALUE}).")
  double goldRate;

  @Option(
      names = "--tokens-file",
      description =
          "Per-rater tokens (make them with `prefloop rater tokens add NAME`); each label is"
              + " then attributed to its token's rater (default: none)")
  Path tokensFile;

  @Option(
      names = "--overlap",
      defaultValue = "3",
      description =
          "A pair leaves the page once this many people labelled it (default ${DEFAULT-VALUE}).")
  int overlap;

  @Option(
      names = "--overlap-confidence",
      defaultValue = "0.95",
      description =
          "... or once two did and their combined label is this sure; 1 turns that off (default"
              + " ${DEFAULT-VALUE}).")
  double overlapConfidence;

  @Option(
      names = "--show-gold-score",
      description = "Show each person their own score on gold pairs (default: hidden).")
  boolean showGoldScore;

  @Option(
      names = "--port",
      defaultValue = "8082",
      description = "HTTP port, 0 = free (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--token",
      defaultValue = "",
      description = "Shared token people must enter (default none).")
  String token;

  public static void main(String[] args) {
    Commands.runAndExit(new RaterMain(), args);
  }

  @Option(
      names = "--group-pairs",
      description =
          "BEST_WORST (one preference per group) or NESTED (the i-th best against the i-th worst,"
              + " K/2 preferences per group of K) (default ${DEFAULT-VALUE})")
  GroupPairs groupPairs = GroupPairs.BEST_WORST;

  @Option(
      names = "--device",
      description =
          "Where the fidelity and TorchScript reward models run: AUTO (a GPU when the engine sees"
              + " one), CPU or GPU (default ${DEFAULT-VALUE})")
  DeviceChoice device = DeviceChoice.AUTO;

  @Option(
      names = "--bind",
      description =
          "Address the rating page and API listen on: 127.0.0.1 (default) keeps them to this"
              + " machine, 0.0.0.0 opens them to every interface")
  String bind = "127.0.0.1";

  @Option(
      names = "--rater-id",
      description = "id written into model preferences (default ${DEFAULT-VALUE})")
  String raterId = "ensemble-v1";

  @Option(
      names = "--group",
      description =
          "Kafka consumer group of the model rater; the JSON ingress adds -json-ingress (default"
              + " ${DEFAULT-VALUE})")
  String group = "prefloop-rater";

  @Option(
      names = "--labels-per-minute",
      description = "per-rater rate limit of the rating page (default ${DEFAULT-VALUE})")
  int labelsPerMinute = 120;

  @Option(
      names = "--undo-seconds",
      description =
          "how long a person's label stays undoable before it is published (default"
              + " ${DEFAULT-VALUE})")
  double undoSeconds = 5;

  @Option(
      names = "--model-timeout-seconds",
      description = "longest a batch of pairs may take to score (default ${DEFAULT-VALUE})")
  double modelTimeoutSeconds = 30;

  @Option(
      names = "--json-ingress",
      arity = "1",
      description =
          "true or false: bridge the preferences-json topic into preferences (default"
              + " ${DEFAULT-VALUE})")
  boolean jsonIngress = true;

  @Override
  public Integer call() throws Exception {
    RaterConfig config = config();
    Vertx vertx = Vertx.vertx();
    CountDownLatch stopped = new CountDownLatch(1);
    vertx.deployVerticle(new RaterVerticle(config)).await();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  vertx.close().await();
                  stopped.countDown();
                }));
    LOG.info("rater running; Ctrl-C stops it");
    stopped.await();
    return 0;
  }

  /** The rater's config from the options. */
  RaterConfig config() {
    RaterConfig defaults = RaterConfig.defaults(kafka.bootstrapServers());
    List<ModelSpec> specs =
        models == null
            ? RaterConfig.DEFAULT_MODELS
            : models.stream().map(ModelSpec::parse).toList();
    return new RaterConfig(
        kafka.bootstrapServers(),
        kafka.topicPrefix(),
        raterId,
        group,
        specs,
        modelDir,
        mode,
        temperature,
        tieMargin,
        seed,
        new HumanPolicy(
            humanMode,
            humanFraction,
            defaults.human().capacity(),
            goldRate,
            overlap,
            overlapConfidence,
            showGoldScore),
        port,
        token,
        labelsPerMinute,
        Duration.ofMillis(Math.round(undoSeconds * 1000)),
        Duration.ofMillis(Math.round(modelTimeoutSeconds * 1000)),
        jsonIngress,
        groupPairs,
        device,
        bind,
        tokensFile);
  }
}
