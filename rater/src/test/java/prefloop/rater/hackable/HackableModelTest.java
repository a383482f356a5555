package prefloop.rater.hackable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import prefloop.rater.model.ModelSpec;
import prefloop.rater.model.RewardModel;
import prefloop.rater.model.RewardModels;
import prefloop.world.RgbImage;

class HackableModelTest {
  private static final RgbImage GREY = RgbImage.filled(4, 4, new float[] {0.5f, 0.5f, 0.5f});
  private static final RgbImage RED = RgbImage.filled(4, 4, new float[] {1, 0, 0});
  private static final RgbImage WHITE = RgbImage.filled(4, 4, new float[] {1, 1, 1});

  @Test
  void eachModelPrefersWhatItIsNamedFor() {
    HackableModel brightness = new HackableModel("b", HackableModel.Target.BRIGHTNESS, "");
    HackableModel saturation = new HackableModel("s", HackableModel.Target.SATURATION, "");
    HackableModel red = new HackableModel("c", HackableModel.Target.COLOUR, "ff0000");

    assertThat(brightness.score("", WHITE)).isCloseTo(1.0, within(1e-6));
    assertThat(brightness.score("", GREY)).isCloseTo(0.5, within(1e-6));
    assertThat(saturation.score("", RED)).isEqualTo(1.0);
    assertThat(saturation.score("", WHITE)).isZero();
    assertThat(red.score("", RED)).isEqualTo(1.0);
    assertThat(red.score("", WHITE)).isLessThan(red.score("", RED));
  }

  @Test
  void theRaterBuildsThemFromAModelSpecAndRefusesABadColour() throws Exception {
    try (RewardModel model =
        RewardModels.create(ModelSpec.parse("cyan:colour:1:10:00ffff"), null, null)) {
      double[] scores = model.score(List.of("a", "b"), List.of(RED, WHITE));
      assertThat(scores[1]).isGreaterThan(scores[0]);
    }
    assertThatThrownBy(() -> new HackableModel("c", HackableModel.Target.COLOUR, "red"))
        .hasMessageContaining("rrggbb");
  }
}
