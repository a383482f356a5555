package prefloop.rater.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParetoDominanceTest {
  private static final double TIE = 0.05;

  @Test
  void oneImageDominatesOnlyWhereNoModelPrefersTheOtherBeyondTheTieMargin() {
    assertThat(ParetoDominance.of(new double[] {0.3, 0.0}, TIE)).isEqualTo(1);
    assertThat(ParetoDominance.of(new double[] {0.3, -0.05}, TIE)).isEqualTo(1);
    assertThat(ParetoDominance.of(new double[] {-0.2, -0.3}, TIE)).isEqualTo(-1);
    assertThat(ParetoDominance.of(new double[] {0.3, -0.06}, TIE)).isZero();
    assertThat(ParetoDominance.of(new double[] {0.05, -0.05}, TIE)).isZero();
    assertThat(ParetoDominance.of(new double[] {}, TIE)).isZero();
  }
}
