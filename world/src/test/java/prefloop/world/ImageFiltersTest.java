package prefloop.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageFiltersTest {

  @Test
  void blurLeavesAFlatImageFlatAndSpreadsAnImpulseByTheGaussianWeights() {
    RgbImage flat = RgbImage.filled(9, 9, new float[] {0.3f, 0.6f, 0.9f});
    assertThat(ImageFilters.gaussianBlur(flat, 1.2).meanAbsDifference(flat)).isLessThan(1e-6);
    RgbImage impulse = RgbImage.filled(15, 15, new float[] {0f, 0f, 0f});
    impulse.setPixel(7, 7, new float[] {1f, 1f, 1f});
    RgbImage blurred = ImageFilters.gaussianBlur(impulse, 1.0);
    // weights for σ = 1, radius 3: w0 = 1/Σ exp(−k²/2), Σ over k = −3..3 = 2.5059;
    // centre = w0² = 0.15925, neighbour = w0·w1 = 0.3991·0.2420 = 0.09658
    assertThat(blurred.get(0, 7, 7)).isCloseTo(0.15925f, within(1e-4f));
    assertThat(blurred.get(0, 8, 7)).isCloseTo(0.09658f, within(1e-4f));
  }

  @Test
  void noiseHasTheRequestedStandardDeviation() {
    RgbImage grey = RgbImage.filled(64, 64, new float[] {0.5f, 0.5f, 0.5f});
    RgbImage noisy = ImageFilters.gaussianNoise(grey, 0.1, new Random(1));
    double sumSq = 0;
    for (float v : noisy.data()) {
      sumSq += (v - 0.5) * (v - 0.5);
    }
    assertThat(Math.sqrt(sumSq / noisy.data().length)).isCloseTo(0.1, within(0.005));
  }

  @Test
  void contrastSqueezesTowardsMidGrey() {
    RgbImage image = RgbImage.filled(1, 1, new float[] {0.9f, 0.1f, 0.5f});
    // 0.5 + 0.5·(0.9 − 0.5) = 0.7; 0.5 + 0.5·(0.1 − 0.5) = 0.3
    assertThat(ImageFilters.contrast(image, 0.5).data())
        .containsExactly(new float[] {0.7f, 0.3f, 0.5f}, within(1e-6f));
  }
}
