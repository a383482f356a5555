package prefloop.app;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import prefloop.broker.BrokerConfig;
import prefloop.broker.EmbeddedKafka;
import prefloop.broker.KafkaClients;
import prefloop.diffusion.checkpoint.CheckpointManifest;
import prefloop.learner.service.CheckpointStore;
import prefloop.learner.service.RawRecord;
import prefloop.rater.human.HumanPolicy;
import prefloop.schemas.Topic;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.RaterKind;

/**
 * How long a person's label takes to be trained and served: the loop of {@code up} with its
 * defaults (models/base, the shipped reward models) on the embedded broker, a simulated person
 * labelling a waiting pair every few seconds through the rating page's API, and for each label
 *
 * <ul>
 *   <li>trained: the first policy checkpoint whose consumer offsets lie past the label's record on
 *       the preferences topic (a checkpoint holds exactly the preferences before its offsets);
 *   <li>served: the generator reports that version (or a later one) as the one it samples from.
 * </ul>
 *
 * <p>Usage (from the repository root, nothing else running): {@code HumanLabelLatencyBenchmark
 * MINUTES SECONDS_BETWEEN_LABELS}. Prints p50 and p95 of both latencies; docs/RELIABILITY.md has
 * the figures.
 */
public final class HumanLabelLatencyBenchmark {
  private static final String PREFIX = "latency.";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private HumanLabelLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    long everyMillis = (long) ((args.length > 1 ? Double.parseDouble(args[1]) : 5) * 1000);
    Path runDir = Files.createTempDirectory("prefloop-latency");
    try (EmbeddedKafka kafka =
        EmbeddedKafka.start(BrokerConfig.ephemeral().withTopicPrefix(PREFIX))) {
      String bootstrap = kafka.bootstrapServers();
      LoopPlan defaults =
          LoopPlan.defaults(bootstrap, PREFIX, Path.of("models/base"), runDir)
              .withRewardModels(Path.of("models/reward"))
              .withBacklogAboveLearnerCommits();
      HumanPolicy everyPair = new HumanPolicy(HumanPolicy.Mode.FRACTION, 1.0, 500, 0);
      LoopPlan plan =
          new LoopPlan(
              defaults.generator(),
              defaults.rater().withHuman(everyPair, Duration.ZERO),
              defaults.learner(),
              defaults.dashboard());
      Topic<String, Preference> preferences = Topics.withPrefix(PREFIX).preferences();
      CheckpointStore store = new CheckpointStore(runDir.resolve("checkpoints"), Optional.empty());
      Map<String, Long> labelledAt = new LinkedHashMap<>();
      Map<String, String[]> recordOf = new HashMap<>(); // pair id → {partition key, offset}
      Map<String, Long> trainedAt = new HashMap<>();
      Map<String, Long> trainedIn = new HashMap<>();
      Map<String, Long> servedAt = new HashMap<>();
      Map<Long, Long> versionServedAt = new HashMap<>();
      long checkedVersion = 0;
      try (LocalLoop loop = LocalLoop.start(plan);
          KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, preferences)) {
        String page = loop.ratingPageUrl().replace("/rate/", "");
        String generator = loop.generatorUrl();
        long end = System.nanoTime() + (long) (minutes * 60e9);
        long nextLabel = System.nanoTime();
        while (System.nanoTime() < end) {
          long now = System.nanoTime();
          if (now >= nextLabel) {
            labelOne(page, labelledAt);
            nextLabel = now + everyMillis * 1_000_000;
          }
          for (ConsumerRecord<byte[], byte[]> raw : consumer.poll(Duration.ofMillis(200))) {
            Preference p = preferences.decoder().decode(raw).value();
            if (p.getRater().getKind() == RaterKind.HUMAN) {
              recordOf.put(
                  p.getPairId(),
                  new String[] {
                    RawRecord.partitionKey(raw.topic(), raw.partition()),
                    Long.toString(raw.offset())
                  });
            }
          }
          OptionalLong latest = store.latest(ModelRole.POLICY);
          while (latest.isPresent() && checkedVersion < latest.getAsLong()) {
            checkedVersion++;
            CheckpointManifest manifest;
            try {
              manifest = store.manifest(ModelRole.POLICY, checkedVersion);
            } catch (Exception pruned) {
              continue;
            }
            for (Map.Entry<String, String[]> r : recordOf.entrySet()) {
              Long next = manifest.consumerOffsets().get(r.getValue()[0]);
              if (!trainedAt.containsKey(r.getKey())
                  && next != null
                  && Long.parseLong(r.getValue()[1]) < next) {
                trainedAt.put(r.getKey(), System.nanoTime());
                trainedIn.put(r.getKey(), checkedVersion);
              }
            }
          }
          long serving = servingVersion(generator);
          for (long v = 1; v <= serving; v++) {
            versionServedAt.putIfAbsent(v, System.nanoTime());
          }
          for (Map.Entry<String, Long> t : trainedIn.entrySet()) {
            Long at = versionServedAt.get(t.getValue());
            if (at != null) {
              servedAt.putIfAbsent(t.getKey(), Math.max(at, trainedAt.get(t.getKey())));
            }
          }
        }
      }
      report(labelledAt, trainedAt, servedAt);
    }
    System.exit(0);
  }

  private static void labelOne(String page, Map<String, Long> labelledAt) throws Exception {
    HttpResponse<String> next =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(page + "/api/next?rater=bench")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (next.statusCode() != 200) {
      return;
    }
    String pairId = new JsonObject(next.body()).getString("pair_id");
    String body =
        new JsonObject()
            .put("rater", "bench")
            .put("pair_id", pairId)
            .put("choice", "left")
            .encode();
    long at = System.nanoTime();
    HttpResponse<String> labelled =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(page + "/api/label"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (labelled.statusCode() == 200) {
      labelledAt.put(pairId, at);
    }
  }

  private static long servingVersion(String statusUrl) {
    try {
      HttpResponse<String> status =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(statusUrl)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      return new JsonObject(status.body()).getLong("version", 0L);
    } catch (Exception e) {
      return 0;
    }
  }

  private static void report(
      Map<String, Long> labelledAt, Map<String, Long> trainedAt, Map<String, Long> servedAt) {
    List<Double> trained = new ArrayList<>();
    List<Double> served = new ArrayList<>();
    for (Map.Entry<String, Long> label : labelledAt.entrySet()) {
      Long t = trainedAt.get(label.getKey());
      if (t != null) {
        trained.add((t - label.getValue()) / 1e9);
      }
      Long s = servedAt.get(label.getKey());
      if (s != null) {
        served.add((s - label.getValue()) / 1e9);
      }
    }
    System.out.printf(
        "RESULT %d labels; trained %d: p50 %.1f s, p95 %.1f s; served %d: p50 %.1f s, p95 %.1f s%n",
        labelledAt.size(),
        trained.size(),
        quantile(trained, 0.5),
        quantile(trained, 0.95),
        served.size(),
        quantile(served, 0.5),
        quantile(served, 0.95));
  }

  private static double quantile(List<Double> values, double q) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, Topic<?, ?> topic) {
    KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(bootstrap);
    consumer.subscribe(List.of(topic.name()));
    return consumer;
  }
}
