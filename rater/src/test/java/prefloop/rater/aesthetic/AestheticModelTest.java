package prefloop.rater.aesthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import prefloop.rater.TestPairs;
import prefloop.rater.model.RewardModel;
import prefloop.world.Degradation;
import prefloop.world.ImageFilters;
import prefloop.world.Prompt;
import prefloop.world.PromptGrammar;
import prefloop.world.RgbImage;

class AestheticModelTest {
  // Every 256th prompt: the same 20 in every run. (A filter on Prompt.hashCode() picked other
  // prompts in each JVM, since enum hash codes are identities, and the test failed now and then.)
  private static final List<Prompt> PROMPTS =
      everyNth(new PromptGrammar().all().subList(0, 5130), 256);

  private static List<Prompt> everyNth(List<Prompt> all, int n) {
    return java.util.stream.IntStream.range(0, all.size() / n)
        .mapToObj(i -> all.get(i * n))
        .toList();
  }

  @Test
  void flatImageHasNoNoiseNoSharpnessNoContrast() {
    RgbImage grey = RgbImage.filled(32, 32, new float[] {0.5f, 0.5f, 0.5f});
    AestheticModel.Terms t =
        new AestheticModel("a").terms("a small red circle on a blue background, top left", grey);
    assertThat(t.sharp()).isZero();
    assertThat(t.clean()).isEqualTo(1.0);
    assertThat(t.contrast()).isZero();
    assertThat(t.centred()).isNaN();
    // no object: sharp 0, clean 1, contrast 0 → 0.30 / 0.80
    assertThat(new AestheticModel("a").score("anything", grey)).isCloseTo(0.375, within(1e-12));
  }

  @Test
  void noiseEstimateRecoversTheAddedSigma() {
    RgbImage grey = RgbImage.filled(32, 32, new float[] {0.5f, 0.5f, 0.5f});
    RgbImage noisy = ImageFilters.gaussianNoise(grey, 0.05, new Random(3));
    double[] luma = ImageStats.luma(noisy);
    // luma of per-channel independent noise: σ_Y = 0.05·√(0.299² + 0.587² + 0.114²) = 0.0335
    assertThat(ImageStats.noiseSigma(luma, 32, 32)).isCloseTo(0.0335, within(0.007));
  }

  @Test
  void blurredNoisyOffCentreAndFlatRendersScoreLowerThanClean() {
    for (RewardModel model :
        List.<RewardModel>of(
            new AestheticModel("aesthetic"), new HeldOutAestheticModel("heldout"))) {
      double clean = 0;
      double blur = 0;
      double noise = 0;
      double offCentre = 0;
      double low = 0;
      int blurWins = 0;
      int noiseWins = 0;
      for (int i = 0; i < PROMPTS.size(); i++) {
        String text = PROMPTS.get(i).text();
        double c = score(model, text, TestPairs.render(text, i));
        double b = score(model, text, TestPairs.render(text, i, Degradation.BLUR));
        double n = score(model, text, TestPairs.render(text, i, Degradation.NOISE));
        blurWins += b < c ? 1 : 0;
        noiseWins += n < c ? 1 : 0;
        clean += c;
        blur += b;
        noise += n;
        offCentre += score(model, text, TestPairs.render(text, i, Degradation.OFF_CENTRE));
        low += score(model, text, TestPairs.render(text, i, Degradation.LOW_CONTRAST));
      }
      System.out.printf(
          "%s mean over %d prompts: clean %.3f blur %.3f noise %.3f off-centre %.3f low-contrast %.3f%n",
          model.name(),
          PROMPTS.size(),
          clean / PROMPTS.size(),
          blur / PROMPTS.size(),
          noise / PROMPTS.size(),
          offCentre / PROMPTS.size(),
          low / PROMPTS.size());
      // A heuristic, not an oracle: the clean render wins on nearly every prompt and on average.
      assertThat(blurWins)
          .as(model.name() + ": prompts where blurred < clean")
          .isGreaterThanOrEqualTo(18);
      assertThat(noiseWins)
          .as(model.name() + ": prompts where noisy < clean")
          .isGreaterThanOrEqualTo(18);
      assertThat(blur).as(model.name() + " blurred").isLessThan(clean);
      assertThat(noise).as(model.name() + " noisy").isLessThan(clean);
      assertThat(offCentre).as(model.name() + " off-centre").isLessThan(clean);
      assertThat(low).as(model.name() + " low contrast").isLessThan(clean);
    }
  }

  private static double score(RewardModel model, String prompt, RgbImage image) {
    return model.score(List.of(prompt), List.of(image))[0];
  }
}
