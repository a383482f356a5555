package prefloop.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import prefloop.world.AttributeCheck;
import prefloop.world.ImageQuality;

class PixelRuleAgreementTest {

  /** A check with the given attributes right (colour, shape, background, position, size). */
  private static AttributeCheck check(boolean... right) {
    return new AttributeCheck(
        true,
        right[0],
        right[1],
        right[2],
        right[3],
        right[4],
        null,
        null,
        null,
        null,
        null,
        ImageQuality.noObject());
  }

  private static final List<AttributeCheck> CHECKS =
      List.of(
          // pair 0: the second image has the position right, the first does not
          check(true, false, true, false, true),
          check(true, false, true, true, true),
          // pair 1: the same score, but colour and size swapped
          check(true, false, true, false, false),
          check(false, false, true, false, true),
          // pair 2: the first image is better on colour
          check(true, true, true, false, true),
          check(false, true, true, false, true));

  @Test
  void thePairsTheRuleDecidesAreTheOnesWithDifferentScoresBetterImageFirst() {
    assertThat(PixelRuleAgreement.decisivePairs(CHECKS, -1))
        .containsExactly(new int[] {1, 0}, new int[] {4, 5});
    assertThat(PixelRuleAgreement.decisivePairs(CHECKS, 0))
        .containsExactly(new int[] {2, 3}, new int[] {4, 5});
    assertThat(PixelRuleAgreement.decisivePairs(CHECKS, 2)).isEmpty();
  }

  @Test
  void agreementCountsTheScorersPreferenceForTheBetterImageWithTiesHalf() {
    // prefers image 1 (agrees), ties pair 2 (half)
    double[] scores = {0.1, 0.9, 0.5, 0.5, 0.3, 0.3};
    WinRate overall = PixelRuleAgreement.agreement(scores, CHECKS, -1);
    assertThat(overall.rate()).isEqualTo(0.75);
    assertThat(overall.wins()).isEqualTo(1);
    assertThat(overall.ties()).isEqualTo(1);
    assertThat(PixelRuleAgreement.agreement(scores, CHECKS, 2)).isNull();
  }
}
