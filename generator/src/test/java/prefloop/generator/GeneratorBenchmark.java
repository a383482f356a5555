package prefloop.generator;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import prefloop.broker.EmbeddedKafka;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.CheckpointManifest;
import prefloop.diffusion.checkpoint.CheckpointMetadata;
import prefloop.diffusion.checkpoint.CheckpointWriter;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;
import prefloop.generator.prompt.PromptCandidate;
import prefloop.generator.prompt.PromptOrigin;
import prefloop.generator.publish.BlobStore;
import prefloop.generator.publish.PairAssembler;
import prefloop.generator.publish.TrajectoryEncoder;
import prefloop.generator.sampling.PairSampler;
import prefloop.generator.sampling.SampledPair;
import prefloop.generator.sampling.ServingModel;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.ModelRole;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptSplit;

/**
 * Prints the generator's figures (lines starting {@code FIGURE}); asserts nothing. See
 * docs/generator/BENCH.md for the command. Arguments: [base checkpoint dir (default models/base,
 * else a freshly initialised default model)] [batches (5)] [updates (10)] [pairs per batch while
 * measuring update latency (1): the latency is about load + the batch in flight + one batch]. 0
 * batches or 0 updates skips that part.
 */
public final class GeneratorBenchmark {
  private GeneratorBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("prefloop-generator-bench-");
    Path base = baseCheckpoint(args.length > 0 ? Path.of(args[0]) : Path.of("models/base"), work);
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int updates = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int latencyBatch = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    if (batches > 0) {
      // On a thread of its own, as the service samples (as the service does;
      // -Dbench.mainThread=true samples on main).
      boolean onMain = Boolean.getBoolean("bench.mainThread");
      for (int pairs : new int[] {1, SamplingConfig.defaults().batchSize()}) {
        if (onMain) {
          samplerThroughput(base, batches, pairs);
        } else {
          java.util.concurrent.ExecutorService thread =
              java.util.concurrent.Executors.newSingleThreadExecutor();
          thread.submit(() -> samplerThroughput(base, batches, pairs)).get();
          thread.shutdown();
        }
      }
    }
    if (updates > 0) {
      broadcastLatency(base, work, updates, latencyBatch);
    }
    System.exit(0);
  }

  private static Path baseCheckpoint(Path shipped, Path work) throws Exception {
    if (Files.isRegularFile(shipped.resolve(CheckpointManifest.FILE_NAME))) {
      System.out.println("FIGURE model shipped base checkpoint " + shipped);
      return shipped;
    }
    Path fresh = work.resolve("base");
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(UNetConfig.defaults(), 0)) {
      new CheckpointWriter(Map.of(), "bench")
          .write(model, CheckpointMetadata.of("policy", 0, 0, 0), fresh);
      System.out.printf(
          "FIGURE model freshly initialised UNetConfig.defaults() (%d parameters; %s absent)%n",
          model.parameterCount(), shipped);
    }
    return fresh;
  }

  /** Pairs/s of sampling + PNG assembly at the default sampler (20 DDIM steps). */
  private static Void samplerThroughput(Path base, int batches, int pairsPerBatch)
      throws Exception {
    SamplingConfig config =
        SamplingConfig.defaults()
            .withBatchSize(pairsPerBatch)
            .withPassThreads(Integer.getInteger("prefloop.passThreads", 2));
    PairSampler sampler = new PairSampler(config);
    PairAssembler assembler =
        new PairAssembler(
            sampler.settings(),
            new TrajectoryEncoder(
                config.trajectoryInlineBytes(),
                new BlobStore(Files.createTempDirectory("bench-blobs"), 4)));
    PromptSplit split = new PromptSplit(new PromptGrammar());
    java.util.Random random = new java.util.Random(0);
    try (ServingModel model =
        new ServingModel(
            0, ModelRole.POLICY, base.toString(), new CheckpointLoader().load(base).model())) {
      long seed = 0;
      double[] millis = new double[batches + 1];
      for (int b = 0; b <= batches; b++) {
        List<PromptCandidate> prompts = new ArrayList<>();
        long[] seeds = new long[config.groupSize() * config.batchSize()];
        for (int i = 0; i < config.batchSize(); i++) {
          prompts.add(
              PromptCandidate.chosen(split.sampleTrain(random).text(), PromptOrigin.BUILTIN));
        }
        for (int i = 0; i < seeds.length; i++) {
          seeds[i] = seed++;
        }
        long start = System.nanoTime();
        for (SampledPair pair : sampler.sample(model, prompts, seeds)) {
          assembler.assemble("bench", pair, 0, ModelRole.POLICY, Instant.now());
        }
        millis[b] = (System.nanoTime() - start) / 1e6;
      }
      double measured = Arrays.stream(millis, 1, millis.length).sum();
      System.out.printf(
          "FIGURE sampler %s, %d pairs per batch, %d pass threads, threads intra=%s interop=%s%n",
          PairAssembler.describe(sampler.settings()),
          config.batchSize(),
          config.passThreads(),
          System.getProperty("ai.djl.pytorch.num_threads", "default"),
          System.getProperty("ai.djl.pytorch.num_interop_threads", "default"));
      System.out.printf(
          "FIGURE djl_pairs_per_s %.3f (batch %.0f ms mean over %d, first batch %.0f ms)%n",
          batches * config.batchSize() / (measured / 1000), measured / batches, batches, millis[0]);
    }
    sampler.close();
    return null;
  }

  /** ModelUpdate publish → first pair of that version read from the pairs topic. */
  private static void broadcastLatency(Path base, Path work, int updates, int batch)
      throws Exception {
    List<CheckpointManifest> manifests = new ArrayList<>();
    UNetConfig arch = new CheckpointLoader().readManifest(base).architecture();
    for (int v = 1; v <= updates; v++) {
      try (DiffusionModel model = ToyDiffusionModel.newInitialised(arch, v)) {
        manifests.add(
            new CheckpointWriter(Map.of(), "bench")
                .write(model, CheckpointMetadata.of("policy", v, v, v), work.resolve("v" + v)));
      }
    }
    Vertx vertx = Vertx.vertx();
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      GeneratorConfig config =
          GeneratorConfig.defaults(kafka.bootstrapServers(), base.toString())
              .withSampling(SamplingConfig.defaults().withBatchSize(batch))
              .withBackpressure(BackpressureConfig.defaults().withMaxBacklog(0));
      GeneratorVerticle generator = new GeneratorVerticle(config);
      vertx.deployVerticle(generator).await(5, TimeUnit.MINUTES);
      long[] latencies = new long[updates];
      long started = System.nanoTime();
      try (KafkaConsumer<byte[], byte[]> reader =
              KafkaTestClients.reader(kafka.bootstrapServers(), kafka.topics().pairs());
          KafkaProducer<byte[], byte[]> producer =
              KafkaTestClients.producer(kafka.bootstrapServers())) {
        for (int v = 1; v <= updates; v++) {
          reader.seekToEnd(reader.assignment());
          long t0 = System.nanoTime();
          var update =
              TinyCheckpoints.update(
                  manifests.get(v - 1), work.resolve("v" + v).toUri().toString(), v);
          producer.send(kafka.topics().modelUpdates().rawRecord("POLICY", update)).get();
          latencies[v - 1] = firstPairOf(reader, kafka, v) - t0;
          System.out.printf("update v%d: first pair after %.0f ms%n", v, latencies[v - 1] / 1e6);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        System.out.printf(
            "FIGURE update_to_first_pair_ms p50 %.0f p95 %.0f max %.0f over %d updates (%d pair/batch)%n",
            latencies[(updates - 1) / 2] / 1e6,
            latencies[(int) Math.ceil(0.95 * updates) - 1] / 1e6,
            latencies[updates - 1] / 1e6,
            updates,
            batch);
        System.out.printf(
            "FIGURE end_to_end_pairs_per_s %.3f (acknowledged by Kafka during the update phase)%n",
            generator.metrics().pairsPublished() / seconds);
        System.out.printf(
            "FIGURE swap_ms (update received -> serving) %s%n",
            generator.metrics().registry().get("generator.swap").timer().takeSnapshot());
      } finally {
        vertx.close().await(60, TimeUnit.SECONDS);
      }
    }
  }

  private static long firstPairOf(
      KafkaConsumer<byte[], byte[]> reader, EmbeddedKafka kafka, long v) {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (System.nanoTime() < deadline) {
      for (GeneratedPair pair :
          KafkaTestClients.poll(reader, kafka.topics().pairs(), Duration.ofMillis(20))) {
        if (pair.getPolicyVersion() >= v) {
          return System.nanoTime();
        }
      }
    }
    throw new IllegalStateException("no pair of v" + v + " within 10 minutes");
  }
}
