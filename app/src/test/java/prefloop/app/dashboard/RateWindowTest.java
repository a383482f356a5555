package prefloop.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateWindowTest {

  @Test
  void rateIsEventsInTheLastWholeSecondsOverTheWindow() {
    RateWindow window = new RateWindow(10);
    window.add(1_000, 4); // second 1
    window.add(5_500, 6); // second 5
    window.add(10_999, 10); // second 10

    // window ending in second 10 covers seconds 1..10: (4 + 6 + 10) / 10
    assertThat(window.rate(10_999)).isEqualTo(2.0);
    // second 11: second 1 falls out, (6 + 10) / 10
    assertThat(window.rate(11_000)).isEqualTo(1.6);
    // second 20: only second 11.. stay, nothing recorded there
    assertThat(window.rate(21_000)).isZero();
  }
}
