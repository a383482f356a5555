package prefloop.app;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import prefloop.app.console.CpuAccount;
import prefloop.app.console.LoopConsole;
import prefloop.app.console.RunSummary;
import prefloop.app.console.WinRateVsBase;
import prefloop.app.sentinel.SentinelOptions;
import prefloop.broker.BrokerCommand;
import prefloop.broker.BrokerConfig;
import prefloop.broker.EmbeddedKafka;
import prefloop.broker.TopicCreator;
import prefloop.learner.core.TrainerConfig;
import prefloop.learner.service.CheckpointStore;
import prefloop.rater.model.ModelSpec;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.kafka.TopicPrefixOption;

/**
 * Runs the whole loop in one process: the embedded broker with our topics, then generator, rater,
 * learner and dashboard ({@link LocalLoop}). Stops after {@code --minutes} or on Ctrl-C, services
 * first (the learner writes its final checkpoint), then the broker.
 */
@Command(
    name = "up",
    description =
        "Run the whole loop in one process: embedded Kafka, generator, rater, learner, dashboard.")
final class UpCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "run/kafka",
      description = "Kafka data directory, kept across runs (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "0",
      description = "Kafka port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Mixin TopicPrefixOption topic = new TopicPrefixOption();

  @Option(
      names = "--base-model",
      paramLabel = "DIR",
      defaultValue = "models/base",
      description = "Base diffusion checkpoint (default: ${DEFAULT-VALUE}).")
  Path baseModel;

  @Option(
      names = "--model-bundle",
      paramLabel = "DIR",
      description =
          "Align a model bundle (see tools/export/) instead of --base-model: its adapters are"
              + " trained and broadcast, prompts come from --prompts-file (default DIR/prompts.txt)"
              + " and are rated by the aesthetic model.")
  Path modelBundle;

  @Option(
      names = "--prompts-file",
      paramLabel = "FILE",
      description = "Free-text prompts, one per line, for --model-bundle.")
  Path promptsFile;

  @Option(
      names = "--run-dir",
      paramLabel = "DIR",
      defaultValue = "run",
      description = "Where learner checkpoints go (default: ${DEFAULT-VALUE}).")
  Path runDir;

  @Option(
      names = "--minutes",
      paramLabel = "N",
      defaultValue = "0",
      description = "Stop after N minutes; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE}).")
  double minutes;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description =
          "Use this Kafka instead of starting the embedded broker (topics are created if missing).")
  String bootstrapServers;

  @Option(
      names = "--console-every",
      paramLabel = "S",
      defaultValue = "10",
      description = "Seconds between status lines (default: ${DEFAULT-VALUE}).")
  int consoleEverySeconds;

  @Option(
      names = "--reward-models",
      paramLabel = "DIR",
      defaultValue = "models/reward",
      description = "Directory of the shipped reward models (default: ${DEFAULT-VALUE}).")
  Path rewardModels;

  @Option(
      names = "--summary-prompts",
      paramLabel = "N",
      defaultValue = "64",
      description =
          "Held-out prompts (x2 seeds) for the final win rate vs base; 0 skips it"
              + " (default: ${DEFAULT-VALUE}).")
  int summaryPrompts;

  @Option(
      names = "--rater-model",
      paramLabel = "SPEC",
      description =
          "Label with this reward model instead of the default ensemble, as"
              + " name:kind:weight:scale[:location]; repeatable. Kinds brightness, saturation and"
              + " colour (location rrggbb) are hackable on purpose, to watch the sentinel act.")
  List<String> raterModels = List.of();

  @Option(
      names = "--grid-dir",
      paramLabel = "DIR",
      description =
          "Write the dashboard's sample grid of every policy version there as v<version>.png"
              + " (default: kept in memory only).")
  Path gridDir;

  @Option(
      names = "--learning-rate",
      paramLabel = "LR",
      description = "The learner's learning rate (default: the recommended one).")
  Double learningRate;

  @Mixin SentinelOptions sentinel = new SentinelOptions();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "YAML settings of the services laid over the defaults (any subset; --print-config shows"
              + " them all). Options given on the command line win over the file.")
  Path configFile;

  @Option(
      names = "--print-config",
      description = "Print the effective configuration as YAML (what --config reads) and exit.")
  boolean printConfig;

  @Spec CommandSpec spec;

  @Option(
      names = "--broker-only",
      description = "Start only the embedded broker with the topics (services run elsewhere).")
  boolean brokerOnly;

  /** The configuration the loop runs with (after start). */
  private LoopPlan effective;

  @Override
  public Integer call() throws Exception {
    if (minutes < 0) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--minutes must be >= 0, got " + minutes);
    }
    if (consoleEverySeconds < 1) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--console-every must be >= 1, got " + consoleEverySeconds);
    }
    Path prompts = modelBundle != null ? bundlePrompts() : null;
    if (printConfig) {
      String bootstrap = bootstrapServers != null ? bootstrapServers : "127.0.0.1:" + port;
      System.out.print(LoopConfigFile.print(plan(bootstrap, prompts)));
      return 0;
    }
    KafkaConnection kafka = connectKafka();
    AutoCloseable broker = kafka.owned();
    String bootstrap = kafka.bootstrap();
    if (brokerOnly) {
      System.out.println("Ctrl-C stops it.");
      BrokerCommand.awaitShutdownSignal(broker);
      return 0;
    }
    LoopPlan plan;
    try {
      plan = plan(bootstrap, prompts);
    } catch (RuntimeException | IOException e) {
      broker.close();
      throw e;
    }
    effective = plan;
    LocalLoop loop;
    try {
      loop = LocalLoop.start(plan);
    } catch (Exception e) {
      broker.close();
      throw e;
    }
    System.out.println("dashboard    " + loop.dashboardUrl());
    System.out.println("rating page  " + loop.ratingPageUrl());
    System.out.println("generator    " + loop.generatorUrl());
    System.out.println("learner      " + loop.learnerUrl());
    Duration budget = Duration.ofMillis((long) (minutes * 60_000));
    LoopConsole console =
        new LoopConsole(
            loop::state,
            System.out,
            budget,
            System.console() != null,
            Duration.ofSeconds(consoleEverySeconds));
    long startedNanos = System.nanoTime();
    AutoCloseable everything =
        () -> {
          JsonObject last = loop.state();
          // before the services stop: an ended thread's CPU time can no longer be read
          Map<CpuAccount.Phase, Double> cpu = new CpuAccount().seconds();
          double loopSeconds = (System.nanoTime() - startedNanos) / 1e9;
          console.close();
          try {
            loop.close();
          } finally {
            broker.close();
          }
          System.out.println(RunSummary.of(console.firstRewards(), last));
          double gain = printWinRate() - 0.5;
          JsonObject totals = last.getJsonObject("totals", new JsonObject());
          System.out.println(
              CpuAccount.report(
                  cpu,
                  totals.getLong("pairs", 0L),
                  totals.getLong("preferences", 0L),
                  loopSeconds,
                  gain));
        };
    if (minutes > 0) {
      System.out.println("running for " + minutes + " min (Ctrl-C stops earlier)");
      ShutdownOnce once = new ShutdownOnce(everything);
      Runtime.getRuntime().addShutdownHook(new Thread(once::closeQuietly, "prefloop-up-stop"));
      Thread.sleep(budget.toMillis());
      once.close();
      return 0;
    }
    System.out.println("Ctrl-C stops it.");
    BrokerCommand.awaitShutdownSignal(everything);
    return 0;
  }

  private Path base() {
    return modelBundle != null ? modelBundle : baseModel;
  }

  /**
   * Whether option {@code name} was set on the command line or through its environment variable
   * ({@link EnvironmentDefaults}): either wins over the config file.
   */
  private boolean given(String name) {
    ParseResult parsed = spec.commandLine().getParseResult();
    if (parsed != null && parsed.hasMatchedOption(name)) {
      return true;
    }
    OptionSpec option = spec.findOption(name);
    return option != null && System.getenv(EnvironmentDefaults.variable(option)) != null;
  }

  /** Defaults, then --config, then the environment, then the options on the command line. */
  private LoopPlan plan(String bootstrap, Path bundlePrompts) throws IOException {
    sentinel.config(); // refuses an unknown --sentinel action with its own message
    LoopPlan defaults =
        LoopPlan.defaults(bootstrap, topic.prefix(), base(), runDir, TrainerConfig.recommended())
            .withRewardModels(rewardModels);
    UpFlags flags = new UpFlags(this::given);
    LoopPlan plan =
        LoopConfigFile.layered(
                defaults,
                configFile,
                flags.layer(
                    bootstrap,
                    topic.prefix(),
                    base(),
                    runDir,
                    rewardModels,
                    learningRate,
                    gridDir,
                    raterModels.stream().map(ModelSpec::parse).toList(),
                    sentinel))
            .withBacklogAboveLearnerCommits()
            .withDashboardDeltaOfLearner();
    return bundlePrompts == null ? plan : plan.withModelBundlePrompts(bundlePrompts);
  }

  private Path bundlePrompts() {
    Path file = promptsFile != null ? promptsFile : modelBundle.resolve("prompts.txt");
    if (!Files.isRegularFile(file)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "--model-bundle needs free-text prompts: "
              + file
              + " does not exist; give --prompts-file");
    }
    return file;
  }

  /** Prints the final policy's win rates; returns the training models' mean (NaN if none). */
  private double printWinRate() {
    if (summaryPrompts <= 0) {
      return Double.NaN;
    }
    if (modelBundle != null) {
      System.out.println(
          "  win rate vs base: not measured for a model bundle (the shipped reward models score"
              + " toy-world prompts); the dashboard's grids show each version");
      return Double.NaN;
    }
    try {
      CheckpointStore store =
          new CheckpointStore(effective.learner().checkpointDir(), Optional.empty());
      OptionalLong latest = store.latest(ModelRole.POLICY);
      if (latest.isEmpty()) {
        System.out.println("  no policy checkpoint yet: nothing to compare with the base model");
        return Double.NaN;
      }
      Path policy = store.stored(ModelRole.POLICY, latest.getAsLong()).directory();
      Path base = effective.learner().baseCheckpoint();
      System.out.println("  comparing " + policy + " with " + base + " ...");
      WinRateVsBase.Result result =
          new WinRateVsBase(summaryPrompts, 2, 10, effective.rater().modelDir()).run(base, policy);
      System.out.println(result.text());
      return result.meanTraining();
    } catch (Exception e) {
      System.out.println("  win rate vs base not measured: " + e.getMessage());
      return Double.NaN;
    }
  }

  /** The broker the loop uses, and what closes it (nothing for an external one). */
  private record KafkaConnection(String bootstrap, AutoCloseable owned) {}

  private KafkaConnection connectKafka() {
    if (bootstrapServers != null) {
      if (brokerOnly) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--broker-only starts the embedded broker: drop one of them");
      }
      TopicCreator.awaitAndCreate(
          bootstrapServers, Topics.withPrefix(topic.prefix()), Duration.ofMinutes(1));
      System.out.println("prefloop up: Kafka at " + bootstrapServers + " (external)");
      return new KafkaConnection(bootstrapServers, () -> {});
    }
    EmbeddedKafka kafka =
        EmbeddedKafka.start(
            new BrokerConfig(dataDir, port, topic.prefix(), Topics.DEFAULT_PARTITIONS));
    System.out.println(
        "prefloop up: Kafka at "
            + kafka.bootstrapServers()
            + " (data "
            + kafka.dataDir()
            + ", ready in "
            + kafka.startupTime().toMillis()
            + " ms); topics "
            + kafka.topics().all().stream().map(t -> t.name()).toList());
    return new KafkaConnection(kafka.bootstrapServers(), kafka);
  }
}
