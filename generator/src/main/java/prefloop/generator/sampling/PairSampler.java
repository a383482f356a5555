package prefloop.generator.sampling;

import java.util.ArrayList;
import java.util.List;
import prefloop.diffusion.model.UNetConfig;
import prefloop.diffusion.sampler.SampleRequest;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.diffusion.sampler.SamplingResult;
import prefloop.diffusion.world.RgbImage;
import prefloop.generator.GenerationMode;
import prefloop.generator.SamplingConfig;
import prefloop.generator.prompt.PromptCandidate;

/**
 * Samples a batch of pairs, all prompts of the batch in one sampler call (2·B images).
 *
 * <ul>
 *   <li>{@link GenerationMode#DPO_PAIR}: deterministic DDIM (η = 0); image A from seed a, image B
 *       from seed b, independent x_T.
 *   <li>{@link GenerationMode#TRAJECTORY}: DDIM with η &gt; 0; both images start from image A's x_T
 *       (the first draw of seed a's stream), each takes its step noise from its own seed's stream;
 *       latents and per-step log-probs recorded.
 * </ul>
 *
 * Runs on the sampling thread only (DJL samplers are not thread-safe).
 */
public final class PairSampler {
  private final SamplingConfig config;
  private final SamplerSettings settings;

  public PairSampler(SamplingConfig config) {
    this.config = config;
    this.settings = config.samplerSettings();
  }

  public SamplerSettings settings() {
    return settings;
  }

  /**
   * One pair per prompt.
   *
   * @param seeds two per prompt: {@code seeds[2k]} for image A of prompt k, {@code seeds[2k+1]} for
   *     B
   */
  public List<SampledPair> sample(
      ServingModel serving, List<PromptCandidate> prompts, long[] seeds) {
    if (seeds.length != 2 * prompts.size()) {
      throw new IllegalArgumentException("two seeds per prompt, got " + seeds.length);
    }
    List<String> texts = new ArrayList<>(seeds.length);
    for (PromptCandidate prompt : prompts) {
      texts.add(prompt.text());
      texts.add(prompt.text());
    }
    return config.mode() == GenerationMode.DPO_PAIR
        ? independent(serving, prompts, texts, seeds)
        : sharedStart(serving, prompts, texts, seeds);
  }

  private List<SampledPair> independent(
      ServingModel serving, List<PromptCandidate> prompts, List<String> texts, long[] seeds) {
    SamplingResult result = serving.sampler().sample(SampleRequest.of(texts, seeds, settings));
    List<SampledPair> pairs = new ArrayList<>(prompts.size());
    for (int k = 0; k < prompts.size(); k++) {
      pairs.add(
          new SampledPair(
              prompts.get(k),
              new long[] {seeds[2 * k], seeds[2 * k + 1]},
              result.images().subList(2 * k, 2 * k + 2),
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
    SharedStartSampler.Result result =
        SharedStartSampler.sample(
            serving.model(),
            serving.sampler().scheduleTensors(),
            texts,
            seeds,
            startFrom,
            settings);
    UNetConfig arch = serving.model().config();
    float[][] logProbs = result.logProbMatrix();
    List<SampledPair> pairs = new ArrayList<>(prompts.size());
    for (int k = 0; k < prompts.size(); k++) {
      TrajectoryData trajectory =
          new TrajectoryData(
              result.timesteps(),
              new float[][][] {result.frames()[2 * k], result.frames()[2 * k + 1]},
              new float[][] {logProbs[2 * k], logProbs[2 * k + 1]},
              arch.imageChannels(),
              arch.imageSize(),
              arch.imageSize());
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
    List<String> texts = java.util.Collections.nCopies(seeds.length, prompt);
    return serving.sampler().sample(SampleRequest.of(texts, seeds, settings)).images();
  }
}
