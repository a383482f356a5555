package prefloop.rater.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptTokenizer;
import prefloop.world.RgbImage;

class TorchScriptModelTest {
  private static final Path FIXTURE = Path.of("src/test/resources/torchscript/mean_red.pt");

  @Test
  void fixtureScoresMeanRedPlusOneHundredthPerToken() {
    String prompt = "a small red circle on a blue background, top left";
    long words =
        Arrays.stream(new PromptTokenizer(new PromptGrammar()).encode(prompt))
            .filter(t -> t != 0)
            .count();
    RgbImage half = RgbImage.filled(32, 32, new float[] {0.5f, 0.9f, 0.1f});
    RgbImage quarter = RgbImage.filled(32, 32, new float[] {0.25f, 0f, 1f});
    try (TorchScriptModel model = TorchScriptModel.load("mean-red", FIXTURE)) {
      double[] scores =
          model.score(List.of(prompt, "totally unknown words"), List.of(half, quarter));
      assertThat(scores[0]).isCloseTo(0.5 + 0.01 * words, within(1e-6));
      // unknown words map to UNK (id 2), still non-padding: 3 tokens
      assertThat(scores[1]).isCloseTo(0.25 + 0.03, within(1e-6));
    }
  }

  @Test
  void missingFileNamesThePath() {
    assertThatThrownBy(() -> TorchScriptModel.load("x", Path.of("nowhere/model.pt")))
        .hasMessageContaining("nowhere/model.pt");
  }
}
