package prefloop.generator.sampling;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.generator.GeneratorMetrics;
import prefloop.generator.backpressure.Backpressure;
import prefloop.generator.prompt.PromptCandidate;
import prefloop.generator.prompt.PromptMixer;
import prefloop.generator.publish.PairAssembler;
import prefloop.generator.publish.PairPublisher;

/**
 * The production loop, one iteration per task on the {@link SamplingWorker}: check backpressure,
 * draw up to {@code batchSize} prompts, sample them as one batch of K images per prompt (one
 * NDManager scope inside the sampler), publish the pairs, then queue the next iteration behind
 * whatever else waits (HTTP requests, swaps). Each prompt hears through its {@link
 * prefloop.generator.prompt.PromptReceipt} whether its pair was acknowledged or failed, so the
 * prompts topic commits only what is durable. Idles briefly while paused or without prompts; a
 * failed batch is logged and retried after a pause, never ending the loop.
 */
public final class GenerationLoop {
  private static final Logger LOG = LoggerFactory.getLogger(GenerationLoop.class);
  private static final long IDLE_MILLIS = 50;
  private static final long FAILURE_BACKOFF_MILLIS = 1000;

  private final SamplingWorker worker;
  private final PromptMixer prompts;
  private final PairSampler sampler;
  private final PairAssembler assembler;
  private final PairPublisher publisher;
  private final Backpressure backpressure;
  private final GeneratorMetrics metrics;
  private final int batchSize;
  private final SplittableRandom seeds;
  private volatile boolean running;
  private volatile boolean paused;

  public GenerationLoop(
      SamplingWorker worker,
      PromptMixer prompts,
      PairSampler sampler,
      PairAssembler assembler,
      PairPublisher publisher,
      Backpressure backpressure,
      GeneratorMetrics metrics,
      int batchSize,
      long seed) {
    this.worker = worker;
    this.prompts = prompts;
    this.sampler = sampler;
    this.assembler = assembler;
    this.publisher = publisher;
    this.backpressure = backpressure;
    this.metrics = metrics;
    this.batchSize = batchSize;
    this.seeds = new SplittableRandom(seed);
  }

  public void start() {
    running = true;
    worker.later(this::iterate, 0);
  }

  public void stop() {
    running = false;
  }

  /** Whether the last iteration found production paused by backpressure. */
  public boolean paused() {
    return paused;
  }

  private void iterate() {
    if (!running) {
      return;
    }
    long delay = 0;
    try {
      delay = runOnce() ? 0 : IDLE_MILLIS;
    } catch (RuntimeException e) {
      LOG.error("sampling batch failed, retrying in {} ms: {}", FAILURE_BACKOFF_MILLIS, e, e);
      delay = FAILURE_BACKOFF_MILLIS;
    }
    worker.later(this::iterate, delay);
  }

  /** One batch; false when nothing was produced (paused, no model, no prompts). */
  private boolean runOnce() {
    Backpressure.State state = backpressure.state();
    paused = state.paused();
    metrics.backpressure(state.paused(), state.backlog());
    ServingModel model = worker.current();
    if (state.paused() || model == null) {
      return false;
    }
    List<PromptCandidate> batch = prompts.next(batchSize);
    if (batch.isEmpty()) {
      return false;
    }
    long[] imageSeeds = new long[sampler.groupSize() * batch.size()];
    for (int i = 0; i < imageSeeds.length; i++) {
      imageSeeds[i] = seeds.nextLong() & Long.MAX_VALUE;
    }
    long start = System.nanoTime();
    List<SampledPair> pairs;
    try {
      pairs = sampler.sample(model, batch, imageSeeds);
    } catch (RuntimeException e) {
      batch.forEach(prompt -> prompt.failed(e));
      throw e;
    }
    metrics.sampled(imageSeeds.length, Duration.ofNanos(System.nanoTime() - start));
    publish(pairs, model);
    backpressure.published(pairs.size());
    return true;
  }

  /** Sends every pair, reporting each outcome to its prompt; throws the first failure, if any. */
  private void publish(List<SampledPair> pairs, ServingModel model) {
    Instant now = Instant.now();
    RuntimeException first = null;
    for (SampledPair pair : pairs) {
      PromptCandidate prompt = pair.prompt();
      CompletableFuture<?> sent;
      try {
        sent =
            publisher.publish(
                assembler.assemble(
                    UUID.randomUUID().toString(), pair, model.version(), model.role(), now));
      } catch (RuntimeException e) {
        first = first == null ? e : first;
        sent = CompletableFuture.failedFuture(e);
      }
      sent.whenComplete(
          (acknowledged, error) -> {
            if (error == null) {
              prompt.published();
            } else {
              prompt.failed(error);
            }
          });
    }
    if (first != null) {
      throw first;
    }
  }
}
