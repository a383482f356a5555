package prefloop.rater;

import java.nio.file.Path;
import java.util.Set;
import prefloop.broker.TestMessages;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.world.Degradation;
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

  /** A pair of {@code a} and {@code b} (sampler seeds 11 and 12) from policy version 1. */
  public static GeneratedPair pair(String pairId, String prompt, RgbImage a, RgbImage b) {
    return TestMessages.pair(pairId, prompt, 1, a, 11, b, 12);
  }
}
