package prefloop.generator;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import prefloop.diffusion.model.DeviceChoice;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.cli.Commands;
import prefloop.schemas.kafka.KafkaOptions;

/**
 * Runs the generator alone: {@code generator --bootstrap-servers HOST:PORT --base DIR [options]}.
 */
@Command(
    name = "generator",
    description = "Samples image pairs from the live policy and publishes them to Kafka.")
public final class GeneratorMain implements Callable<Integer> {

  @Mixin KafkaOptions kafka = new KafkaOptions();

  @Option(
      names = "--base",
      defaultValue = "models/base",
      description =
          "Base checkpoint (dir, file: or http(s) URL), or a model bundle's folder (see"
              + " tools/export/); default: ${DEFAULT-VALUE}.")
  String base;

  @Option(
      names = "--base-version",
      defaultValue = "0",
      description = "Version of the base checkpoint.")
  long baseVersion;

  @Mixin SamplingOptions sampling = new SamplingOptions();

  @Mixin PromptMixOptions prompts = new PromptMixOptions();

  @Mixin BackpressureOptions backpressure = new BackpressureOptions();

  @Option(names = "--sample-from", defaultValue = "POLICY", description = "POLICY or REFERENCE.")
  ModelRole sampleFrom;

  @Option(names = "--http-port", defaultValue = "8081", description = "0 = a free port.")
  int httpPort;

  @Option(
      names = "--bind",
      defaultValue = "127.0.0.1",
      description =
          "Address the HTTP server listens on: 127.0.0.1 (default) keeps it to this machine,"
              + " 0.0.0.0 opens it to every interface.")
  String bind;

  @Option(names = "--advertised-host", defaultValue = "127.0.0.1")
  String advertisedHost;

  @Option(names = "--blob-dir", description = "Where trajectory blobs go (default: a temp dir).")
  Path blobDir;

  @Option(
      names = "--group",
      defaultValue = "prefloop-generator",
      description = "Consumer group on prompts.")
  String group;

  @Option(
      names = "--seed",
      description =
          "Root seed of the built-in prompts and image seeds (default: a random one, logged;"
              + " generators started with the same seed sample the very same pairs)")
  Long seed;

  private long randomSeed = new SecureRandom().nextLong() & Long.MAX_VALUE;

  @Option(
      names = "--device",
      defaultValue = "AUTO",
      description =
          "Where the served model runs: AUTO (a GPU when the engine sees one), CPU or GPU"
              + " (default: ${DEFAULT-VALUE}).")
  DeviceChoice device;

  /** The validated config of these options. */
  public GeneratorConfig config() {
    return new GeneratorConfig(
        kafka.bootstrapServers(),
        kafka.topicPrefix(),
        base,
        baseVersion,
        sampling.config(),
        prompts.config(),
        backpressure.config(),
        sampleFrom,
        httpPort,
        advertisedHost,
        blobDir,
        group,
        seed != null ? seed : randomSeed,
        device,
        bind);
  }

  @Override
  public Integer call() throws Exception {
    GeneratorConfig config = config();
    Vertx vertx = Vertx.vertx();
    GeneratorVerticle verticle = new GeneratorVerticle(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  vertx.close().toCompletionStage().toCompletableFuture().join();
                  stopped.countDown();
                },
                "generator-shutdown"));
    try {
      vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      System.err.println("generator failed to start: " + e.getCause().getMessage());
      vertx.close();
      return 1;
    }
    System.out.println("generator serving on port " + verticle.httpPort() + " (Ctrl-C stops)");
    stopped.await();
    return 0;
  }

  public static void main(String[] args) {
    Commands.runAndExit(new GeneratorMain(), args);
  }
}
