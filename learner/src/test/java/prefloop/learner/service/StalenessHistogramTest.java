package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StalenessHistogramTest {
  @Test
  void bucketsExactStalenessAndLumpsEverythingBeyondTheMaximum() {
    StalenessHistogram histogram = new StalenessHistogram(2);
    for (int s : new int[] {0, 0, 1, 2, 3, 10, -1}) {
      histogram.add(s);
    }

    assertThat(histogram.buckets()).containsExactly(3L, 1L, 1L, 2L);
    assertThat(histogram.total()).isEqualTo(7);
  }

  @Test
  void stalenessIsTheLearnerVersionMinusThePairsAndNeverNegative() {
    assertThat(PreferenceConverter.staleness(7, 3)).isEqualTo(4);
    assertThat(PreferenceConverter.staleness(2, 5)).isZero();
  }
}
