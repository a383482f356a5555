package prefloop.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import prefloop.broker.BrokerConfig;
import prefloop.broker.EmbeddedKafka;
import prefloop.broker.TestMessages;
import prefloop.learner.service.LearnerStatus;

/**
 * Load benchmark (not a test): the loop of {@link LoopServices} plus extra pairs pushed into the
 * pairs topic at a fixed rate; every 10 s prints pairs in, preferences out, learner steps and pairs
 * trained per second, the learner's lag and pending, and the staleness of trained preferences
 * (versions their pair lags the learner, from its {@code prefloop_learner_staleness} summary); a
 * summary line at the end. Args: {@code [minutes=5] [extraPairsPerSecond=4]}.
 */
public final class LoadBenchmark {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

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
      AtomicLong injected = new AtomicLong();
      String learnerMetrics = loop.urls().get("learner") + "/metrics";
      long start = System.nanoTime();
      long end = start + (long) (minutes * 60e9);
      long nextReport = start + 10_000_000_000L;
      Window last = Window.zero();
      long maxLag = 0;
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
                      TestMessages.renderedPair(
                          "load-" + n,
                          "a small red circle on a blue background, top left",
                          version,
                          n)));
        }
        if (System.nanoTime() >= nextReport) {
          LearnerStatus s = loop.learnerStatus();
          Window now = Window.read(s, injected.get(), rated(loop), scrape(learnerMetrics));
          maxLag = Math.max(maxLag, s.lag());
          System.out.printf(
              "LOAD t=%.0fs injected/s=%.2f rated/s=%.2f steps/s=%.2f trained/s=%.2f lag=%d"
                  + " pending=%d staleness mean=%.2f max=%.0f policy=v%d%n",
              (System.nanoTime() - start) / 1e9,
              (now.injected - last.injected) / 10.0,
              (now.rated - last.rated) / 10.0,
              (now.steps - last.steps) / 10.0,
              (now.trained - last.trained) / 10.0,
              s.lag(),
              s.pending(),
              now.stalenessMean(last),
              now.stalenessMax,
              s.policyVersion());
          last = now;
          nextReport += 10_000_000_000L;
        }
        Await.sleep(Duration.ofMillis(50));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      LearnerStatus s = loop.learnerStatus();
      Window total = Window.read(s, injected.get(), rated(loop), scrape(learnerMetrics));
      System.out.printf(
          "LOAD SUMMARY %.0f s: injected %d (%.2f/s), rated %.0f (%.2f/s, generator's included),"
              + " learner %d steps (%.2f/s), %d pairs trained (%.2f/s), lag max %d last %d,"
              + " staleness mean %.2f max %.0f versions, policy v%d, dead letters %d%n",
          seconds,
          total.injected,
          total.injected / seconds,
          total.rated,
          total.rated / seconds,
          total.steps,
          total.steps / seconds,
          total.trained,
          total.trained / seconds,
          maxLag,
          s.lag(),
          total.stalenessMean(Window.zero()),
          total.stalenessMax,
          s.policyVersion(),
          s.deadLetters());
    }
  }

  private static double rated(LoopServices loop) {
    return metric(loop.rater().metrics().scrape(), "rater_pairs_scored_total");
  }

  private static String scrape(String url) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** The sum of every sample of {@code name} (all label sets) in a Prometheus text page. */
  static double metric(String page, String name) {
    return page.lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** Cumulative counts at one report. */
  private record Window(
      long injected,
      double rated,
      long steps,
      long trained,
      double stalenessCount,
      double stalenessSum,
      double stalenessMax) {

    static Window zero() {
      return new Window(0, 0, 0, 0, 0, 0, 0);
    }

    static Window read(LearnerStatus s, long injected, double rated, String learnerPage) {
      return new Window(
          injected,
          rated,
          s.step(),
          s.pairsTrained(),
          metric(learnerPage, "prefloop_learner_staleness_count"),
          metric(learnerPage, "prefloop_learner_staleness_sum"),
          metric(learnerPage, "prefloop_learner_staleness_max"));
    }

    double stalenessMean(Window before) {
      double n = stalenessCount - before.stalenessCount;
      return n == 0 ? Double.NaN : (stalenessSum - before.stalenessSum) / n;
    }
  }
}
