package prefloop.rater.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import prefloop.rater.TestPairs;
import prefloop.world.Colour;
import prefloop.world.Prompt;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptSplit;
import prefloop.world.RgbImage;

/** The checkpoints shipped in models/reward load and do what COMMAND.md says they do. */
class ShippedFidelityCheckpointTest {
  private static final List<Prompt> HELD_OUT = new PromptSplit(new PromptGrammar()).heldOut();

  @Test
  void shippedFidelityNetIsAtLeast95PercentAccuratePerAttributeOnHeldOutCleanRenders() {
    try (FidelityModel model =
        FidelityModel.load("fidelity", TestPairs.MODEL_DIR.resolve("fidelity"))) {
      Map<String, Double> accuracy = FidelityAccuracy.onCleanRenders(model, HELD_OUT, 2_000_000);
      System.out.println(
          "fidelity: held-out clean accuracy over " + HELD_OUT.size() + " prompts: " + accuracy);
      assertThat(accuracy).hasSize(5);
      accuracy.forEach((head, value) -> assertThat(value).as(head).isGreaterThanOrEqualTo(0.95));
    }
  }

  @Test
  void matchingPromptScoresHigherThanAWrongColour() {
    try (FidelityModel model =
        FidelityModel.load("fidelity", TestPairs.MODEL_DIR.resolve("fidelity"))) {
      int better = 0;
      int n = 40;
      for (int i = 0; i < n; i++) {
        Prompt p = HELD_OUT.get(i * 7 % HELD_OUT.size());
        Colour other =
            Colour.objectColours().stream()
                .filter(c -> c != p.colour() && c != p.background())
                .findFirst()
                .orElseThrow();
        Prompt wrong = new Prompt(p.size(), other, p.shape(), p.background(), p.position());
        RgbImage image = TestPairs.render(p.text(), i);
        double[] s = model.score(List.of(p.text(), wrong.text()), List.of(image, image));
        assertThat(s[0]).isLessThanOrEqualTo(0.0);
        better += s[0] > s[1] ? 1 : 0;
      }
      assertThat(better).isGreaterThanOrEqualTo(n - 2);
    }
  }

  @Test
  void heldOutFidelityNetLoadsAndReportsItsAccuracy() {
    try (FidelityModel model =
        FidelityModel.load("fidelity-heldout", TestPairs.MODEL_DIR.resolve("fidelity-heldout"))) {
      assertThat(model.config()).isEqualTo(FidelityNetConfig.heldOut());
      Map<String, Double> accuracy = FidelityAccuracy.onCleanRenders(model, HELD_OUT, 2_000_000);
      System.out.println("fidelity-heldout: held-out clean accuracy: " + accuracy);
      // A short-trained monitor: it must read colour, background and position; see its COMMAND.md.
      for (String head : List.of("colour", "background", "position")) {
        assertThat(accuracy.get(head)).as(head).isGreaterThanOrEqualTo(0.8);
      }
    }
  }
}
