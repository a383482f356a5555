package prefloop.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import prefloop.broker.BrokerConfig;
import prefloop.broker.EmbeddedKafka;
import prefloop.learner.service.LearnerStatus;

/**
 * Load benchmark (not a test): the loop of {@link LoopServices} plus extra pairs pushed into the
 * pairs topic at a fixed rate; every 10 s prints pairs in, preferences out, learner steps and pairs
 * trained per second, the learner's lag and pending, and staleness (learner policy version minus
 * the version of the newest pairs). Args: {@code [minutes=5] [extraPairsPerSecond=4]}.
 */
public final class LoadBenchmark {
  private LoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    double rate = args.length > 1 ? Double.parseDouble(args[1]) : 4;
    Path dir = Files.createTempDirectory("prefloop-load-");
    Models.small(dir.resolve("base"), 0, 11);
    try (EmbeddedKafka kafka =
            EmbeddedKafka.start(BrokerConfig.ephemeral().withTopicPrefix("load."));
        LoopServices loop =
            LoopServices.start(
                kafka.bootstrapServers(), "load.", dir.resolve("base"), dir.resolve("run"), 0);
        KafkaProducer<byte[], byte[]> producer = RawKafka.producer(kafka.bootstrapServers())) {
      Pairs pairs = new Pairs();
      AtomicLong injected = new AtomicLong();
      long start = System.nanoTime();
      long end = start + (long) (minutes * 60e9);
      long nextReport = start + 10_000_000_000L;
      long lastSteps = 0;
      long lastTrained = 0;
      long lastInjected = 0;
      System.out.printf("LOAD %.1f min, %.1f extra pairs/s%n", minutes, rate);
      while (System.nanoTime() < end) {
        long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
        while (injected.get() < due) {
          long n = injected.incrementAndGet();
          long version = loop.learnerStatus().policyVersion();
          producer.send(
              kafka
                  .topics()
                  .pairs()
                  .rawRecord(
                      "load-" + n,
                      pairs.of(
                          "load-" + n,
                          "a small red circle on a blue background, top left",
                          version,
                          n)));
        }
        if (System.nanoTime() >= nextReport) {
          LearnerStatus s = loop.learnerStatus();
          double t = (System.nanoTime() - start) / 1e9;
          System.out.printf(
              "LOAD t=%.0fs injected/s=%.2f steps/s=%.2f trained/s=%.2f rated=%s lag=%d pending=%d"
                  + " policy=v%d%n",
              t,
              (injected.get() - lastInjected) / 10.0,
              (s.step() - lastSteps) / 10.0,
              (s.pairsTrained() - lastTrained) / 10.0,
              loop.rater()
                  .metrics()
                  .scrape()
                  .lines()
                  .filter(l -> l.startsWith("rater_pairs_scored_total"))
                  .findFirst()
                  .orElse("?"),
              s.lag(),
              s.pending(),
              s.policyVersion());
          lastSteps = s.step();
          lastTrained = s.pairsTrained();
          lastInjected = injected.get();
          nextReport += 10_000_000_000L;
        }
        Await.sleep(Duration.ofMillis(50));
      }
    }
  }
}
