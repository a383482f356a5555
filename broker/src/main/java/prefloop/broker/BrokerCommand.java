package prefloop.broker;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import prefloop.schemas.cli.Commands;
import prefloop.schemas.kafka.TopicPrefixOption;

/** Runs the embedded broker with our topics until SIGINT/SIGTERM. */
@Command(
    name = "broker",
    description = "Run a single-node Apache Kafka broker (KRaft) with the prefloop topics.")
public final class BrokerCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Kafka data directory, kept across runs (default: a temporary one).")
  Path dataDir;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "9092",
      description = "PLAINTEXT port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Mixin TopicPrefixOption topic = new TopicPrefixOption();

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "3",
      description = "Partitions of prompts, pairs and preferences (default: ${DEFAULT-VALUE}).")
  int partitions;

  /** The configuration these options describe. */
  public BrokerConfig config() {
    return new BrokerConfig(dataDir, port, topic.prefix(), partitions);
  }

  @Override
  public Integer call() throws InterruptedException {
    EmbeddedKafka kafka = EmbeddedKafka.start(config());
    System.out.println("Kafka broker ready at " + kafka.bootstrapServers() + " (Ctrl-C stops it)");
    for (var topic : kafka.topics().all()) {
      System.out.printf(
          "  %-32s %d partition(s), %s%n",
          topic.name(), topic.partitions(), topic.cleanupPolicy().configValue());
    }
    awaitShutdownSignal(kafka);
    return 0;
  }

  /** Blocks until the JVM is asked to stop, closing {@code resource} from the shutdown hook. */
  public static void awaitShutdownSignal(AutoCloseable resource) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    resource.close();
                  } catch (Exception e) {
                    System.err.println("error while stopping: " + e);
                  } finally {
                    stopped.countDown();
                  }
                },
                "prefloop-shutdown"));
    stopped.await();
  }

  public static void main(String[] args) {
    Commands.runAndExit(new BrokerCommand(), args);
  }
}
