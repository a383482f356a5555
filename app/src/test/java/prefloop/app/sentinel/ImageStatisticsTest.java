package prefloop.app.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import prefloop.world.RgbImage;

class ImageStatisticsTest {

  @Test
  void blackWhiteAndRedImagesHaveTheStatisticsTheirDefinitionsGive() {
    ImageStatistics black = ImageStatistics.of(RgbImage.filled(8, 8, new float[] {0, 0, 0}));
    ImageStatistics white = ImageStatistics.of(RgbImage.filled(8, 8, new float[] {1, 1, 1}));
    ImageStatistics red = ImageStatistics.of(RgbImage.filled(8, 8, new float[] {1, 0, 0}));

    assertThat(black.darkFraction()).isEqualTo(1.0);
    assertThat(black.brightFraction()).isZero();
    assertThat(black.colourEntropy()).isZero();
    assertThat(black.saturation()).isZero();
    assertThat(black.edgeDensity()).isZero();
    assertThat(white.brightFraction()).isEqualTo(1.0);
    assertThat(white.saturation()).isZero();
    assertThat(red.saturation()).isEqualTo(1.0);
    assertThat(red.darkFraction()).as("luma of pure red is 0.299").isZero();
  }

  @Test
  void aCheckerboardIsAllEdgesAndTwoColoursAreOneBitOfEntropy() {
    RgbImage board = RgbImage.filled(8, 8, new float[] {0, 0, 0});
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        if ((x + y) % 2 == 0) {
          board.setPixel(x, y, new float[] {1, 1, 1});
        }
      }
    }

    ImageStatistics stats = ImageStatistics.of(board);

    assertThat(stats.edgeDensity()).isEqualTo(1.0);
    assertThat(stats.colourEntropy()).isCloseTo(1.0, within(1e-12));
    assertThat(stats.darkFraction()).isEqualTo(0.5);
    assertThat(stats.brightFraction()).isEqualTo(0.5);
  }
}
