package prefloop.rater;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import prefloop.schemas.avro.GeneratedImage;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.SamplerKind;
import prefloop.schemas.avro.SamplerSettings;
import prefloop.world.Degradation;
import prefloop.world.PngCodec;
import prefloop.world.PromptGrammar;
import prefloop.world.RenderConfig;
import prefloop.world.Renderer;
import prefloop.world.RgbImage;

/** Pairs of real toy-world renders for tests. */
public final class TestPairs {
  /** The shipped reward models, seen from the rater module's directory (Maven's basedir). */
  public static final Path MODEL_DIR = Path.of("../models/reward");

  private static final Renderer RENDERER = new Renderer(RenderConfig.defaults());

  private TestPairs() {}

  public static RgbImage render(String prompt, long seed, Degradation... degradations) {
    return RENDERER.render(new PromptGrammar().parse(prompt), seed, Set.of(degradations));
  }

  /** A pair of a clean render (A) and a blurred + noisy one (B) of {@code prompt}. */
  public static GeneratedPair cleanVersusDegraded(String pairId, String prompt, long seed) {
    return pair(
        pairId,
        prompt,
        render(prompt, seed),
        render(prompt, seed + 1, Degradation.BLUR, Degradation.NOISE));
  }

  public static GeneratedPair pair(String pairId, String prompt, RgbImage a, RgbImage b) {
    return GeneratedPair.newBuilder()
        .setPairId(pairId)
        .setPromptId("")
        .setPrompt(prompt)
        .setPolicyVersion(1)
        .setSampler(
            SamplerSettings.newBuilder()
                .setSteps(10)
                .setEta(0.0)
                .setGuidance(1.0)
                .setScheduler(SamplerKind.DDIM)
                .build())
        .setImages(List.of(image(a, 11), image(b, 12)))
        .setSharedXT(false)
        .setCreatedAt(Instant.now())
        .build();
  }

  public static GeneratedImage image(RgbImage image, long seed) {
    return GeneratedImage.newBuilder()
        .setSeed(seed)
        .setPng(ByteBuffer.wrap(PngCodec.encode(image, Map.of())))
        .setWidth(image.width())
        .setHeight(image.height())
        .build();
  }
}
