package prefloop.generator;

import ai.djl.Device;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.diffusion.bundle.BundleModelFactory;
import prefloop.diffusion.bundle.ModelBundles;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.ModelFactory;
import prefloop.generator.backpressure.BacklogProbe;
import prefloop.generator.backpressure.Backpressure;
import prefloop.generator.model.BasePool;
import prefloop.generator.model.CheckpointFetcher;
import prefloop.generator.model.CheckpointRejectedException;
import prefloop.generator.model.ModelSwitcher;
import prefloop.generator.model.ModelUpdateConsumer;
import prefloop.generator.prompt.PromptCandidate;
import prefloop.generator.prompt.PromptFile;
import prefloop.generator.prompt.PromptMixer;
import prefloop.generator.prompt.PromptOrigin;
import prefloop.generator.prompt.PromptQueue;
import prefloop.generator.prompt.PromptTopicConsumer;
import prefloop.generator.prompt.PromptValidator;
import prefloop.generator.publish.BlobStore;
import prefloop.generator.publish.PairAssembler;
import prefloop.generator.publish.PairPublisher;
import prefloop.generator.publish.TrajectoryEncoder;
import prefloop.generator.sampling.GenerationLoop;
import prefloop.generator.sampling.PairSampler;
import prefloop.generator.sampling.SamplingWorker;
import prefloop.generator.sampling.ServingModel;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.ModelRole;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptSplit;

/**
 * The generator without its HTTP face: prompt sources, the sampling worker and loop, the pair
 * publisher, the model-update follower and the backlog probe, wired from one {@link
 * GeneratorConfig}. {@link #loadBase()} blocks (call it off the event loop); {@link #start} starts
 * every thread; {@link #close()} stops sampling first and the prompt consumer once the last pairs
 * are acknowledged (so it commits them).
 */
public final class GeneratorService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GeneratorService.class);
  private static final int RETAINED_BLOBS = 512;

  private final GeneratorConfig config;
  private final GeneratorMetrics metrics;
  private final Topics topics;
  private final PromptValidator validator;
  private final PromptQueue topicQueue;
  private final PromptQueue httpQueue;
  private final BlobStore blobs;
  private final PairSampler sampler;
  private final PairPublisher publisher;
  private final SamplingWorker worker;
  private final Backpressure backpressure;
  private final GenerationLoop loop;
  private final BasePool bases;
  private final CheckpointFetcher fetcher;
  private final ModelSwitcher switcher;
  private final ModelUpdateConsumer updates;
  private final PromptTopicConsumer promptConsumer;
  private final BacklogProbe probe;
  private final boolean temporaryBlobs;

  public GeneratorService(GeneratorConfig config, GeneratorMetrics metrics) {
    this.config = config;
    this.metrics = metrics;
    this.topics = Topics.withPrefix(config.topicPrefix());
    PromptMix mix = config.prompts();
    boolean bundle = ModelBundles.isBundle(config.baseCheckpoint());
    if (bundle && mix.promptsFile() == null && mix.topicWeight() + mix.httpWeight() == 0) {
      throw new IllegalArgumentException(
          "a model bundle has no built-in prompts: give a prompts file (--prompts-file FILE, one"
              + " free-text prompt per line) or take prompts from the topic or HTTP");
    }
    this.validator =
        bundle
            ? PromptValidator.freeText(ModelBundles::checkPrompt)
            : new PromptValidator(new PromptGrammar());
    this.topicQueue = new PromptQueue(mix.queueCapacity());
    this.httpQueue = new PromptQueue(mix.queueCapacity());
    List<String> filePrompts =
        mix.promptsFile() == null ? List.of() : PromptFile.read(mix.promptsFile(), validator);
    PromptMixer mixer =
        new PromptMixer(
            mix,
            bundle ? null : new PromptSplit(new PromptGrammar()),
            filePrompts,
            topicQueue,
            httpQueue,
            config.seed());
    this.temporaryBlobs = config.blobDir() == null;
    this.blobs = new BlobStore(blobDirectory(config), RETAINED_BLOBS);
    this.sampler = new PairSampler(config.sampling());
    this.publisher =
        new PairPublisher(
            new KafkaProducer<>(KafkaSettings.producer(config.bootstrapServers(), "generator")),
            topics,
            metrics);
    this.worker = new SamplingWorker(metrics);
    this.backpressure = new Backpressure(config.backpressure());
    PairAssembler assembler =
        new PairAssembler(
            sampler.settings(),
            new TrajectoryEncoder(config.sampling().trajectoryInlineBytes(), blobs));
    this.loop =
        new GenerationLoop(
            worker,
            mixer,
            sampler,
            assembler,
            publisher,
            backpressure,
            metrics,
            config.sampling().batchSize(),
            config.seed() + 1);
    Device device = config.device().resolve();
    LOG.info("device: {} (requested {})", device, config.device());
    this.bases =
        bundle
            ? new BasePool(BundleModelFactory.open(Path.of(config.baseCheckpoint()), device))
            : null;
    this.fetcher = new CheckpointFetcher(new CheckpointLoader(ModelFactory.toy(device)), bases);
    this.switcher =
        new ModelSwitcher(config.sampleFrom(), fetcher, worker, metrics, config.baseVersion());
    this.updates =
        new ModelUpdateConsumer(
            config.bootstrapServers(),
            topics.modelUpdates(),
            update -> {
              if (update.getRole() == ModelRole.POLICY) {
                backpressure.policyBroadcast(update.getVersion());
              }
              switcher.onUpdate(update);
            },
            publisher);
    this.promptConsumer =
        mix.topicWeight() > 0
            ? new PromptTopicConsumer(
                config.bootstrapServers(),
                config.consumerGroup(),
                topics.prompts(),
                validator,
                topicQueue,
                publisher)
            : null;
    BackpressureConfig bp = config.backpressure();
    this.probe =
        new BacklogProbe(
            config.bootstrapServers(),
            List.of(
                new BacklogProbe.Lagging(bp.raterGroup(), topics.pairs().name()),
                new BacklogProbe.Lagging(bp.learnerGroup(), topics.preferences().name())),
            backpressure,
            metrics,
            bp.pollInterval());
  }

  private static Path blobDirectory(GeneratorConfig config) {
    try {
      return config.blobDir() != null
          ? config.blobDir()
          : Files.createTempDirectory("prefloop-generator-blobs-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a blob directory: " + e, e);
    }
  }

  /** Loads and verifies the base checkpoint (blocking). */
  public ServingModel loadBase() throws CheckpointRejectedException {
    return fetcher.loadBase(config.baseCheckpoint(), config.baseVersion(), config.sampleFrom());
  }

  /** Serves {@code base} and starts every thread. */
  public void start(ServingModel base) {
    worker.install(base, System.nanoTime()).join();
    probe.start();
    updates.start();
    if (promptConsumer != null) {
      promptConsumer.start();
    }
    loop.start();
    LOG.info("generator started: {}", config);
  }

  /** Images of one prompt from the served model, on the sampling thread. */
  public CompletableFuture<List<prefloop.world.RgbImage>> generate(String prompt, long[] seeds) {
    return worker.call(
        model -> {
          if (model == null) {
            throw new IllegalStateException("no model loaded yet");
          }
          return sampler.images(model, prompt, seeds);
        });
  }

  /**
   * Queues HTTP prompts (already canonical, see {@link #validator()}); returns their ids.
   *
   * @throws IllegalStateException when HTTP prompts are disabled or the queue is full
   */
  public List<String> submit(List<String> canonicalPrompts) {
    if (config.prompts().httpWeight() == 0) {
      throw new IllegalStateException("HTTP prompts are disabled (prompts.httpWeight = 0)");
    }
    if (httpQueue.remaining() < canonicalPrompts.size()) {
      throw new IllegalStateException(
          "the prompt queue has room for " + httpQueue.remaining() + "; retry later");
    }
    return canonicalPrompts.stream()
        .map(
            text -> {
              String id = "http-" + UUID.randomUUID();
              httpQueue.offer(new PromptCandidate(id, text, PromptOrigin.HTTP, 0));
              return id;
            })
        .toList();
  }

  public PromptValidator validator() {
    return validator;
  }

  public boolean ready() {
    return worker.loaded() && probe.kafkaReachable();
  }

  public GeneratorStatus status() {
    Backpressure.State state = backpressure.state();
    SamplingConfig sampling = config.sampling();
    return new GeneratorStatus(
        worker.version(),
        config.sampleFrom().name(),
        worker.source(),
        ready(),
        probe.kafkaReachable(),
        state.paused(),
        state.reason() == null ? "" : state.reason(),
        state.backlog(),
        state.pairsSinceBroadcast(),
        state.lastBroadcast(),
        (long) metrics.pairsPublished(),
        metrics.imagesPerSecond(),
        topicQueue.size() + httpQueue.size(),
        promptConsumer == null ? 0 : promptConsumer.unacknowledged(),
        switcher.lastRejection(),
        sampling.mode().name(),
        sampling.groupSize(),
        sampling.steps(),
        sampling.eta(),
        sampling.guidance());
  }

  public BlobStore blobs() {
    return blobs;
  }

  public GeneratorMetrics metrics() {
    return metrics;
  }

  public GeneratorConfig config() {
    return config;
  }

  public Topics topics() {
    return topics;
  }

  @Override
  public void close() {
    loop.stop();
    updates.close();
    switcher.close();
    probe.close();
    worker.close();
    sampler.close();
    if (bases != null) {
      bases.close();
    }
    // The batch in flight is sent; once acknowledged, the prompt consumer commits its prompts.
    publisher.flush();
    if (promptConsumer != null) {
      promptConsumer.close();
    }
    publisher.close();
    if (temporaryBlobs) {
      deleteQuietly(blobs.directory());
    }
    LOG.info("generator stopped");
  }

  private static void deleteQuietly(Path directory) {
    try (var files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      LOG.warn("could not delete temporary blobs in {}: {}", directory, e.toString());
    }
  }
}
