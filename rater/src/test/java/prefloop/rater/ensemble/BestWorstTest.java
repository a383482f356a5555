package prefloop.rater.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BestWorstTest {

  @Test
  void theBestHasTheLargestUtilityAndTheWorstTheSmallest() {
    assertThat(BestWorst.of(new double[] {0.2, 1.5, -0.7, 0.9})).isEqualTo(new BestWorst(1, 2));
    assertThat(BestWorst.of(new double[] {-3, 2})).isEqualTo(new BestWorst(1, 0));
  }

  @Test
  void tiesGoToTheFirstBestAndTheLastWorst() {
    assertThat(BestWorst.of(new double[] {1, 3, 3, 0, 0})).isEqualTo(new BestWorst(1, 4));
  }

  @Test
  void equalUtilitiesStillGiveTwoDifferentImages() {
    assertThat(BestWorst.of(new double[] {0.5, 0.5, 0.5, 0.5})).isEqualTo(new BestWorst(0, 3));
  }

  @Test
  void aGroupNeedsTwoFiniteUtilities() {
    assertThatThrownBy(() -> BestWorst.of(new double[] {1}))
        .hasMessageContaining("at least 2 images");
    assertThatThrownBy(() -> BestWorst.of(new double[] {1, Double.NaN, 0}))
        .hasMessageContaining("utility of image 1 is NaN");
    assertThatThrownBy(() -> new BestWorst(2, 2)).hasMessageContaining("two different indices");
  }
}
