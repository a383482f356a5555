package prefloop.generator.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import prefloop.diffusion.model.SampleGeometry;
import prefloop.diffusion.sampler.SampleRequest;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.diffusion.sampler.SamplingResult;
import prefloop.generator.GenerationMode;
import prefloop.generator.SamplingConfig;
import prefloop.generator.prompt.PromptCandidate;
import prefloop.schemas.threads.DaemonThreads;
import prefloop.world.RgbImage;

/**
 * Samples a batch of pairs or groups, all prompts of the batch in one sampler call (K·B images for
 * B prompts and K = {@code groupSize} images per prompt).
 *
 * <ul>
 *   <li>{@link GenerationMode#DPO_PAIR}: deterministic DDIM (η = 0); image i of a prompt from its
 *       own seed, independent x_T (K ≥ 2).
 *   <li>{@link GenerationMode#TRAJECTORY}: DDIM with η &gt; 0; both images start from image A's x_T
 *       (the first draw of seed a's stream), each takes its step noise from its own seed's stream;
 *       latents and per-step log-probs recorded.
 * </ul>
 *
 * Called from the sampling thread only. In DPO_PAIR mode a batch's passes (4 images each) run on
 * {@link SamplingConfig#passThreads()} threads at once; the images do not depend on it. {@link
 * #close()} stops those threads.
 */
public final class PairSampler implements AutoCloseable {
  private final SamplingConfig config;
  private final SamplerSettings settings;
  private final int groupSize;
  private final ExecutorService passes;

  public PairSampler(SamplingConfig config) {
    this.config = config;
    this.settings = config.samplerSettings();
    this.groupSize = config.groupSize();
    this.passes =
        config.passThreads() > 1
            ? Executors.newFixedThreadPool(
                config.passThreads(), DaemonThreads.numbered("generator-sampler-pass"))
            : null;
  }

  /** K, images per prompt. */
  public int groupSize() {
    return groupSize;
  }

  public SamplerSettings settings() {
    return settings;
  }

  /**
   * One pair (or group of K) per prompt.
   *
   * @param seeds K per prompt: {@code seeds[K·k + i]} for image i of prompt k (i = 0 is A, 1 is B)
   */
  public List<SampledPair> sample(
      ServingModel serving, List<PromptCandidate> prompts, long[] seeds) {
    if (seeds.length != groupSize * prompts.size()) {
      throw new IllegalArgumentException(
          groupSize + " seeds per prompt expected, got " + seeds.length + " for " + prompts.size());
    }
    List<String> texts = new ArrayList<>(seeds.length);
    for (PromptCandidate prompt : prompts) {
      texts.addAll(Collections.nCopies(groupSize, prompt.text()));
    }
    return config.mode() == GenerationMode.DPO_PAIR
        ? independent(serving, prompts, texts, seeds)
        : sharedStart(serving, prompts, texts, seeds);
  }

  private List<SampledPair> independent(
      ServingModel serving, List<PromptCandidate> prompts, List<String> texts, long[] seeds) {
    SamplingResult result = sample(serving, SampleRequest.of(texts, seeds, settings));
    List<SampledPair> pairs = new ArrayList<>(prompts.size());
    for (int k = 0; k < prompts.size(); k++) {
      int from = groupSize * k;
      pairs.add(
          new SampledPair(
              prompts.get(k),
              Arrays.copyOfRange(seeds, from, from + groupSize),
              result.images().subList(from, from + groupSize),
              false,
              null));
    }
    return pairs;
  }

  private List<SampledPair> sharedStart(
      ServingModel serving, List<PromptCandidate> prompts, List<String> texts, long[] seeds) {
    int[] startFrom = new int[seeds.length];
    for (int i = 0; i < seeds.length; i++) {
      startFrom[i] = i - i % 2;
    }
    SamplingResult result =
        sample(serving, new SampleRequest(texts, seeds, settings, true, startFrom));
    SampleGeometry geometry = serving.model().geometry();
    boolean clipped = settings.clipSample() && serving.model().clipsToImageRange();
    float[][][] frames = result.trajectories();
    float[][] logProbs = result.logProbs();
    List<SampledPair> pairs = new ArrayList<>(prompts.size());
    for (int k = 0; k < prompts.size(); k++) {
      TrajectoryData trajectory =
          new TrajectoryData(
              result.timesteps(),
              result.previousTimesteps(),
              new float[][][] {frames[2 * k], frames[2 * k + 1]},
              new float[][] {logProbs[2 * k], logProbs[2 * k + 1]},
              clipped,
              settings.spacing(),
              geometry.channels(),
              geometry.height(),
              geometry.width());
      pairs.add(
          new SampledPair(
              prompts.get(k),
              new long[] {seeds[2 * k], seeds[2 * k + 1]},
              result.images().subList(2 * k, 2 * k + 2),
              true,
              trajectory));
    }
    return pairs;
  }

  /** {@code seeds.length} images of one prompt with the configured settings (for HTTP). */
  public List<RgbImage> images(ServingModel serving, String prompt, long[] seeds) {
    List<String> texts = Collections.nCopies(seeds.length, prompt);
    return sample(serving, SampleRequest.of(texts, seeds, settings)).images();
  }

  private SamplingResult sample(ServingModel serving, SampleRequest request) {
    return passes == null
        ? serving.sampler().sample(request)
        : serving.sampler().sample(request, passes);
  }

  @Override
  public void close() {
    if (passes != null) {
      passes.shutdownNow();
    }
  }
}
