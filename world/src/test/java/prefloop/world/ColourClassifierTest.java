package prefloop.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ColourClassifierTest {

  @Test
  void everyCanonicalColourIsNamedAsItself() {
    for (Colour c : Colour.values()) {
      assertThat(ColourClassifier.classify(c.rgb())).as(c.name()).isEqualTo(c);
    }
  }

  @Test
  void lighterAndDarkerShadesKeepTheirName() {
    float[] red = Colour.RED.rgb();
    assertThat(ColourClassifier.classify(Colours.mix(red, Colour.WHITE.rgb(), 0.45)))
        .isEqualTo(Colour.RED);
    assertThat(ColourClassifier.classify(Colours.mix(red, Colour.BLACK.rgb(), 0.45)))
        .isEqualTo(Colour.RED);
    assertThat(ColourClassifier.classify(new float[] {0.4f, 0.4f, 0.42f})).isEqualTo(Colour.GREY);
  }

  @Test
  void hueFollowsTheHsvFormula() {
    // orange (1, .55, .05): 60·(g − b)/(max − min) = 60·0.5/0.95
    assertThat(ColourClassifier.hue(Colour.ORANGE.rgb())).isCloseTo(31.58, within(0.01));
    assertThat(ColourClassifier.hue(new float[] {0f, 0f, 1f})).isCloseTo(240, within(1e-9));
  }
}
