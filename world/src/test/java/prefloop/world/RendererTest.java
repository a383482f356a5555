package prefloop.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RendererTest {
  private final Renderer renderer = new Renderer();
  private final Prompt prompt =
      new Prompt(Size.MEDIUM, Colour.RED, Shape.CIRCLE, Colour.BLUE, Position.CENTRE);

  @Test
  void sameSeedGivesTheSameImageAndOtherSeedsDiffer() {
    assertThat(renderer.render(prompt, 42)).isEqualTo(renderer.render(prompt, 42));
    assertThat(renderer.render(prompt, 43)).isNotEqualTo(renderer.render(prompt, 42));
    assertThat(new Renderer().render(prompt, 42, Set.of(Degradation.NOISE)))
        .isEqualTo(renderer.render(prompt, 42, Set.of(Degradation.NOISE)));
  }

  @Test
  void drawsAnAntiAliasedObjectOfTheRightColourAtTheRightPlace() {
    RgbImage image = renderer.render(prompt, 1);
    assertThat(image.width()).isEqualTo(32);
    assertThat(image.height()).isEqualTo(32);
    assertThat(Colours.distance(image.pixel(16, 16), Colour.RED.rgb())).isLessThan(0.1);
    assertThat(Colours.distance(image.pixel(1, 1), Colour.BLUE.rgb())).isLessThan(0.1);
    long edge = 0;
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        double toRed = Colours.distance(image.pixel(x, y), Colour.RED.rgb());
        double toBlue = Colours.distance(image.pixel(x, y), Colour.BLUE.rgb());
        edge += (toRed > 0.15 && toBlue > 0.15) ? 1 : 0;
      }
    }
    assertThat(edge).as("partially covered edge pixels").isGreaterThan(8);
  }

  @Test
  void coverageCountsSamplePointsInside() {
    SceneObject square = new SceneObject(Shape.SQUARE, 2.0, 2.0, 2.0, new float[3]);
    assertThat(Renderer.coverage(square, 1, 1, 4)).isEqualTo(1.0);
    // the square [1,3]² covers none of pixel [0,1]² and all of pixel [2,3]²
    assertThat(Renderer.coverage(square, 0, 0, 4)).isEqualTo(0.0);
    SceneObject shifted = square.moved(0.5, 0);
    // [1.5,3.5] covers the right half of pixel column 1
    assertThat(Renderer.coverage(shifted, 1, 1, 4)).isEqualTo(0.5);
  }

  @Test
  void everyDegradationChangesTheImageButKeepsTheCleanJitter() {
    RgbImage clean = renderer.render(prompt, 9);
    assertThat(renderer.render(prompt, 9, Set.of())).isEqualTo(clean);
    for (Degradation d : Degradation.values()) {
      assertThat(renderer.render(prompt, 9, Set.of(d)).meanAbsDifference(clean))
          .as(d.name())
          .isGreaterThan(0.005);
    }
  }

  @Test
  void rendersAtOtherSizes() {
    RgbImage image = new Renderer(RenderConfig.ofSize(64)).render(prompt, 3);
    assertThat(image.width()).isEqualTo(64);
    assertThat(new AttributeChecker().check(prompt, image).allCorrect()).isTrue();
  }

  @Test
  void renderIsPinnedSoThatChangesToTheWorldAreDeliberate() {
    // The pretraining corpus and the shipped base model depend on these exact pixels; if this fails
    // on purpose, retrain the base model and update the number.
    Prompt p = new PromptGrammar().parse("a small red circle on a blue background, top left");
    float[] data = renderer.render(p, 42).quantised().data();
    long checksum = 0;
    for (int i = 0; i < data.length; i++) {
      checksum += (long) Math.round(data[i] * 255) * (i + 1);
    }
    assertThat(checksum).isEqualTo(727184931L);
  }
}
