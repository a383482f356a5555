package prefloop.learner.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GroupAdvantageTest {

  @Test
  void theBaselineIsTheMeanRewardOfTheWholeGroup() {
    GroupAdvantage advantage = GroupAdvantage.of(new double[] {2.0, 0.5, 0.2, 1.3}, 0, 2);

    assertThat(advantage.winner()).isCloseTo(1.0, within(1e-12));
    assertThat(advantage.loser()).isCloseTo(-0.8, within(1e-12));
  }

  @Test
  void aPairRewardedOneAndZeroIsTheLabelsOwnAdvantage() {
    assertThat(GroupAdvantage.of(new double[] {1, 0}, 0, 1)).isEqualTo(GroupAdvantage.FROM_LABEL);
  }

  @Test
  void thePairsMarginIsNotNormalisedAway() {
    GroupAdvantage small = GroupAdvantage.of(new double[] {0.1, 0}, 0, 1);
    GroupAdvantage large = GroupAdvantage.of(new double[] {3, 0}, 0, 1);

    assertThat(small.winner()).isCloseTo(0.05, within(1e-12));
    assertThat(large.winner()).isCloseTo(1.5, within(1e-12));
  }

  @Test
  void badGroupsAreRefusedWithWhatIsWrong() {
    assertThatThrownBy(() -> GroupAdvantage.of(new double[] {1}, 0, 0))
        .hasMessageContaining("at least 2 rewards");
    assertThatThrownBy(() -> GroupAdvantage.of(new double[] {1, 2}, 1, 1))
        .hasMessageContaining("two different positions");
    assertThatThrownBy(() -> GroupAdvantage.of(new double[] {1, Double.NaN}, 0, 1))
        .hasMessageContaining("NaN");
  }
}
