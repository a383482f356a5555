package prefloop.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RgbImageTest {

  @Test
  void storesChannelsPlaneByPlane() {
    RgbImage image = RgbImage.filled(3, 2, new float[] {0.1f, 0.2f, 0.3f});
    image.setPixel(2, 1, new float[] {1f, 0.5f, 0f});
    // index = (c·height + y)·width + x
    assertThat(image.data()[(0 * 2 + 1) * 3 + 2]).isEqualTo(1f);
    assertThat(image.data()[(1 * 2 + 1) * 3 + 2]).isEqualTo(0.5f);
    assertThat(image.data()[(2 * 2 + 1) * 3 + 2]).isEqualTo(0f);
    assertThat(image.pixel(0, 0)).containsExactly(0.1f, 0.2f, 0.3f);
  }

  @Test
  void rejectsValuesOutsideTheUnitIntervalAndWrongLengths() {
    assertThatThrownBy(() -> new RgbImage(1, 1, new float[] {0f, 1.5f, 0f}))
        .hasMessageContaining("index 1")
        .hasMessageContaining("[0,1]");
    assertThatThrownBy(() -> new RgbImage(1, 1, new float[] {0f, Float.NaN, 0f}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RgbImage(2, 2, new float[3])).hasMessageContaining("12");
    assertThat(RgbImage.clamped(1, 1, new float[] {-1f, 2f, Float.NaN}).data())
        .containsExactly(0f, 1f, 0f);
  }

  @Test
  void bufferedImageRoundTripIsExactAfterQuantisation() {
    RgbImage image = new Renderer().render(new PromptGrammar().all().get(123), 5);
    RgbImage back = RgbImage.fromBufferedImage(image.toBufferedImage());
    assertThat(back).isEqualTo(image.quantised()).isNotSameAs(image);
    assertThat(back.meanAbsDifference(image)).isLessThan(0.5 / 255 + 1e-6);
  }

  @Test
  void copyIsDeepAndEqualityIsByValue() {
    RgbImage a = RgbImage.filled(2, 2, new float[] {0.5f, 0.5f, 0.5f});
    RgbImage b = a.copy();
    assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
    b.setPixel(0, 0, new float[] {0f, 0f, 0f});
    assertThat(b).isNotEqualTo(a);
  }
}
