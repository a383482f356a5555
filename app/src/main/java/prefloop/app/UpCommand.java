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
 * Runs the whole loop in one process. For now: the embedded broker with our topics; the services
 * join it as their modules land.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = "Start prefloop in one process (embedded Kafka broker with the topics).")
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

  @Override
  public Integer call() throws InterruptedException {
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
    System.out.println("Ctrl-C stops it.");
    BrokerCommand.awaitShutdownSignal(kafka);
    return 0;
  }
}
