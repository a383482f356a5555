package prefloop.world;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The mixed-quality pretraining corpus as a seeded, random-access stream: sample i depends only on
 * (root seed, i), so training can resume at any index and two processes agree on every sample.
 * Prompts come uniformly from the given list (normally {@link PromptSplit#train()}). {@link #get}
 * is thread-safe; {@link #next()} and {@link #seek} share a cursor and are not.
 */
public final class CorpusSampler {
  private final List<Prompt> prompts;
  private final Renderer renderer;
  private final CorpusMix mix;
  private final long seed;
  private long next;

  public CorpusSampler(List<Prompt> prompts, Renderer renderer, CorpusMix mix, long seed) {
    if (prompts.isEmpty()) {
      throw new IllegalArgumentException("the corpus needs at least one prompt");
    }
    this.prompts = List.copyOf(prompts);
    this.renderer = renderer;
    this.mix = mix;
    this.seed = seed;
  }

  /**
   * The corpus the base model is pretrained on: the training prompts' renders at {@code imageSize}
   * in the default quality mix.
   */
  public static CorpusSampler pretraining(int imageSize, long seed) {
    return new CorpusSampler(
        new PromptSplit(new PromptGrammar()).train(),
        new Renderer(RenderConfig.ofSize(imageSize)),
        CorpusMix.defaults(),
        seed);
  }

  /** Sample {@code index} of the stream. */
  public CorpusSample get(long index) {
    Random random = Seeds.random(seed, index + 1);
    Prompt prompt = prompts.get(random.nextInt(prompts.size()));
    Set<Degradation> degradations = degradations(random);
    long renderSeed = random.nextLong();
    RgbImage image = renderer.render(prompt, renderSeed, degradations);
    return new CorpusSample(index, prompt, renderSeed, image, degradations);
  }

  /** The next sample of the stream (starting at index 0, or where {@link #seek} put it). */
  public CorpusSample next() {
    return get(next++);
  }

  /** The next {@code n} samples. */
  public List<CorpusSample> next(int n) {
    List<CorpusSample> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(next());
    }
    return out;
  }

  /** Makes {@link #next()} continue from {@code index} (e.g. when resuming training). */
  public void seek(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("corpus index must be ≥ 0, got " + index);
    }
    next = index;
  }

  private Set<Degradation> degradations(Random random) {
    double u = random.nextDouble();
    int count = u < mix.clean() ? 0 : (u < mix.clean() + mix.one() ? 1 : 2);
    List<Degradation> pool = new ArrayList<>(List.of(Degradation.values()));
    Set<Degradation> out = EnumSet.noneOf(Degradation.class);
    for (int i = 0; i < count; i++) {
      out.add(pool.remove(random.nextInt(pool.size())));
    }
    return out;
  }
}
