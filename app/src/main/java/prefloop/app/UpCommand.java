package prefloop.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import prefloop.broker.BrokerCommand;
import prefloop.broker.BrokerConfig;
import prefloop.broker.EmbeddedKafka;
import prefloop.schemas.Topics;

/**
 * Runs the whole loop in one process: the embedded broker with our topics, then generator, rater,
 * learner and dashboard ({@link LocalLoop}). Stops after {@code --minutes} or on Ctrl-C, services
 * first (the learner writes its final checkpoint), then the broker.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
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

  @Option(
      names = "--topic-prefix",
      paramLabel = "P",
      defaultValue = Topics.DEFAULT_PREFIX,
      description = "Prefix of the topic names (default: ${DEFAULT-VALUE}).")
  String topicPrefix;

  @Option(
      names = "--base-model",
      paramLabel = "DIR",
      defaultValue = "models/base",
      description = "Base diffusion checkpoint (default: ${DEFAULT-VALUE}).")
  Path baseModel;

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
      names = "--broker-only",
      description = "Start only the embedded broker with the topics (services run elsewhere).")
  boolean brokerOnly;

  @Override
  public Integer call() throws Exception {
    EmbeddedKafka kafka =
        EmbeddedKafka.start(
            new BrokerConfig(dataDir, port, topicPrefix, Topics.DEFAULT_PARTITIONS));
    System.out.println(
        "prefloop up: Kafka at "
            + kafka.bootstrapServers()
            + " (data "
            + kafka.dataDir()
            + ", ready in "
            + kafka.startupTime().toMillis()
            + " ms); topics "
            + kafka.topics().all().stream().map(t -> t.name()).toList());
    if (brokerOnly) {
      System.out.println("Ctrl-C stops it.");
      BrokerCommand.awaitShutdownSignal(kafka);
      return 0;
    }
    LocalLoop loop;
    try {
      loop = LocalLoop.start(kafka, topicPrefix, baseModel, runDir);
    } catch (Exception e) {
      kafka.close();
      throw e;
    }
    System.out.println("dashboard    " + loop.dashboardUrl());
    System.out.println("rating page  " + loop.ratingPageUrl());
    System.out.println("generator    " + loop.generatorUrl());
    System.out.println("learner      " + loop.learnerUrl());
    AutoCloseable everything =
        () -> {
          try {
            loop.close();
          } finally {
            kafka.close();
          }
        };
    if (minutes > 0) {
      System.out.println("running for " + minutes + " min (Ctrl-C stops earlier)");
      Thread.sleep((long) (minutes * 60_000));
      everything.close();
      return 0;
    }
    System.out.println("Ctrl-C stops it.");
    BrokerCommand.awaitShutdownSignal(everything);
    return 0;
  }
}
