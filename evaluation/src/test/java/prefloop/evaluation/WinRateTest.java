package prefloop.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WinRateTest {

  @Test
  void tiesCountHalf() {
    // given 2 wins, 1 tie, 1 loss
    double[] candidate = {0.9, 0.5, 0.3, 0.1};
    double[] baseline = {0.1, 0.5, 0.2, 0.4};

    // when
    WinRate w = WinRate.of(candidate, baseline);

    // then (2 + ½) / 4
    assertThat(w.rate()).isEqualTo(0.625);
    assertThat(w.wins()).isEqualTo(2);
    assertThat(w.ties()).isEqualTo(1);
    assertThat(w.losses()).isEqualTo(1);
    assertThat(w.count()).isEqualTo(4);
  }

  @Test
  void aCheckpointAgainstItselfWinsExactlyHalf() {
    double[] same = {0.3, -1.2, 7, 0};

    WinRate w = WinRate.of(same, same.clone());

    assertThat(w.rate()).isEqualTo(0.5);
    assertThat(w.ties()).isEqualTo(4);
    assertThat(w.standardError()).isZero();
  }

  @Test
  void standardErrorIsThatOfTheMeanOfPerImageOutcomes() {
    // outcomes 1, 1, 0, 0 → mean ½, sample variance 1/3, se = √(1/3 / 4) = 0.288675
    WinRate w = WinRate.of(new double[] {2, 2, 0, 0}, new double[] {1, 1, 1, 1});

    assertThat(w.rate()).isEqualTo(0.5);
    assertThat(w.standardError()).isCloseTo(Math.sqrt(1.0 / 12), within(1e-12));
  }

  @Test
  void toleranceTurnsSmallDifferencesIntoTies() {
    WinRate w = WinRate.of(new double[] {1.05, 2, 0}, new double[] {1.0, 1, 1}, 0.1);

    // tie, win, loss → (1 + ½) / 3
    assertThat(w.rate()).isCloseTo(0.5, within(1e-12));
    assertThat(w.ties()).isEqualTo(1);
  }

  @Test
  void mismatchedSidesAreRejectedWithTheReason() {
    assertThatThrownBy(() -> WinRate.of(new double[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("same prompts and seeds");
    assertThatThrownBy(() -> WinRate.of(new double[] {Double.NaN}, new double[] {1}))
        .hasMessageContaining("NaN");
  }
}
