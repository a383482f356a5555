package prefloop.rater.quality;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import prefloop.schemas.InlineImage;
import prefloop.schemas.avro.GeneratedImage;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.SamplerKind;
import prefloop.schemas.avro.SamplerSettings;
import prefloop.world.Degradation;
import prefloop.world.PngCodec;
import prefloop.world.Prompt;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptSplit;
import prefloop.world.Renderer;
import prefloop.world.RgbImage;

/**
 * Gold pairs from the toy world: a training prompt rendered twice from the same scene, once clean
 * and once visibly degraded (blurred and noisy, the wrong shade, pushed off centre among clutter,
 * or washed out and blurred), so that anyone who looks knows which is better. The clean image is A
 * or B at random. Pair ids are {@code gold-<n>}.
 */
public final class RenderedGoldPairs implements GoldPairs {
  private static final List<Set<Degradation>> VISIBLE =
      List.of(
          Set.of(Degradation.BLUR, Degradation.NOISE),
          Set.of(Degradation.WRONG_SHADE),
          Set.of(Degradation.OFF_CENTRE, Degradation.CLUTTER),
          Set.of(Degradation.LOW_CONTRAST, Degradation.BLUR));

  private final List<Prompt> prompts = new PromptSplit(new PromptGrammar()).train();
  private final Renderer renderer = new Renderer();
  private final long seed;

  public RenderedGoldPairs(long seed) {
    this.seed = seed;
  }

  @Override
  public GoldPair make(long n) {
    Random random = new Random(seed * 1_000_003L + n);
    Prompt prompt = prompts.get(random.nextInt(prompts.size()));
    long sceneSeed = random.nextLong();
    RgbImage clean = renderer.render(prompt, sceneSeed);
    RgbImage degraded =
        renderer.render(prompt, sceneSeed, VISIBLE.get(random.nextInt(VISIBLE.size())));
    boolean cleanIsA = random.nextBoolean();
    GeneratedPair pair =
        GeneratedPair.newBuilder()
            .setPairId("gold-" + n)
            .setPromptId("")
            .setPrompt(prompt.text())
            .setPolicyVersion(0)
            .setSampler(
                SamplerSettings.newBuilder()
                    .setSteps(0)
                    .setEta(0.0)
                    .setGuidance(0.0)
                    .setScheduler(SamplerKind.DDIM)
                    .build())
            .setImages(
                cleanIsA
                    ? List.of(image(clean, sceneSeed), image(degraded, sceneSeed))
                    : List.of(image(degraded, sceneSeed), image(clean, sceneSeed)))
            .setSharedXT(false)
            .setCreatedAt(Instant.EPOCH)
            .build();
    return new GoldPair(pair, cleanIsA);
  }

  private static GeneratedImage image(RgbImage image, long seed) {
    return InlineImage.of(seed, PngCodec.encode(image, Map.of()), image.width(), image.height());
  }
}
