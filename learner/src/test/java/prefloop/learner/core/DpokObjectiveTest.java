package prefloop.learner.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * DPOK on D3poObjectiveTest's hand pair: one DDIM step t = 1 → 0 of {@link HandSchedule}, η = 1,
 * ε̂_θ = 0.5·x, ε̂_ref = 0.45·x, β = 2, λ = 1, ε = 0.01.
 *
 * <pre>
 *   log π_θ: winner −2.7214886, loser −2.4907942;  log π_θ/π_ref: 0.1610340, 0.0624807
 *   KL(π_θ‖π_ref) = mean_d (μ_θ − μ_ref)²/(2σ²): winner 0.0027006, loser 0.0006752
 *   sampled with log π_old = log π_θ − 0.05 (winner), log π_θ + 0.001 (loser):
 *     ρ_w = e^0.05 = 1.0513 → clipped at 1.01: pg_w = −min(1.0513·½, 1.01·½) = −0.505
 *     ρ_l = e^−0.001 = 0.9990 (inside):         pg_l = −min(−0.4995, −0.4995) = 0.4995002
 *   loss = (−0.505 + 0.4995002)/2 + 2·(0.0027006 + 0.0006752)/2 = 0.0006259
 *   margin = 0.1610340 − 0.0624807 = 0.0985532
 * </pre>
 */
class DpokObjectiveTest extends HandScheduleTest {

  private PairLosses losses(TrajectoryPair pair) {
    return new DpokObjective(schedule, 2, new D3poConfig(0.01, 1), true)
        .losses(
            HandStep.batch(manager, pair),
            (xt, t, c) -> xt.mul(0.5f),
            (xt, t, c) -> xt.mul(0.45f),
            HandStep.fixedSource(1),
            new SplittableRandom(1));
  }

  @Test
  void clippedPolicyGradientPlusKlMatchesTheHandComputation() {
    PairLosses computed =
        losses(HandStep.pair(new double[] {-2.7214886 - 0.05}, new double[] {-2.4907942 + 0.001}));

    assertThat(computed.losses().toFloatArray()[0]).isCloseTo(0.0006259f, within(2e-6f));
    assertThat(computed.margins().toFloatArray()[0]).isCloseTo(0.0985532f, within(2e-6f));
    assertThat(computed.timesteps()).containsExactly(1);
  }

  /**
   * Without the sampler's log-probabilities the pair counts as on-policy: ρ = 1, the policy terms
   * cancel (½ − ½) and the loss is the KL alone, 2·(0.0027006 + 0.0006752)/2 = 0.0033758.
   */
  @Test
  void aPairWithoutSamplingLogProbsIsOnPolicy() {
    PairLosses computed = losses(HandStep.pair(new double[0], new double[0]));

    assertThat(computed.losses().toFloatArray()[0]).isCloseTo(0.0033758f, within(2e-6f));
  }

  /**
   * With the rater's rewards the advantages are theirs around the group's mean: rewards 2.0 (the
   * winner), 0.5 and 0.2 (the loser) give A = +1.1 and −0.7. On-policy (ρ = 1) the policy terms are
   * −A: loss = (−1.1 + 0.7)/2 + 0.0033758 = −0.1966242.
   */
  @Test
  void rewardsReplaceTheLabelsHalvesAsAdvantages() {
    GroupAdvantage advantage = GroupAdvantage.of(new double[] {2.0, 0.5, 0.2}, 0, 2);

    PairLosses computed = losses(HandStep.pair(new double[0], new double[0], advantage));

    assertThat(computed.losses().toFloatArray()[0]).isCloseTo(-0.1966242f, within(2e-6f));
  }

  /**
   * The gradient pushes the winner's step up and the loser's down: with a trainable ε̂_θ = w·x (w =
   * 0.5) and no KL (the reference equal to the policy), ∂loss/∂w has the sign of the loser's ∂log
   * π/∂w minus the winner's.
   */
  @Test
  void theGradientRaisesTheWinnersStepAndLowersTheLosers() throws Exception {
    double gradient = gradient(HandStep.pair(new double[0], new double[0]));
    // log π(w) of each side, by central differences of the hand formula
    double winnerSlope = (handLogProb(0.5001, true) - handLogProb(0.4999, true)) / 0.0002;
    double loserSlope = (handLogProb(0.5001, false) - handLogProb(0.4999, false)) / 0.0002;
    assertThat(gradient).isCloseTo(-0.5 * winnerSlope / 2 + 0.5 * loserSlope / 2, within(1e-3));
  }

  /**
   * A Bradley–Terry label can prefer the image the rewards rank lower; DPOK follows the rewards:
   * with A = −0.3 on the label's winner and +0.3 on its loser the gradient is the label-only one
   * reversed and scaled by 0.6.
   */
  @Test
  void theGradientFollowsTheRewardsWhereTheLabelDisagrees() throws Exception {
    GroupAdvantage reversed = GroupAdvantage.of(new double[] {0.2, 0.8}, 0, 1);
    double labelOnly = gradient(HandStep.pair(new double[0], new double[0]));

    double rewarded = gradient(HandStep.pair(new double[0], new double[0], reversed));

    assertThat(reversed.winner()).isCloseTo(-0.3, within(1e-12));
    assertThat(rewarded).isCloseTo(-0.6 * labelOnly, within(1e-5));
  }

  /**
   * The KL term's gradient survives a garbage collection between forward and backward: β was once
   * passed to {@code mul} as a Number, whose scalar autograd kept over a freed buffer (skipped NaN
   * steps, and runs that differed from one another).
   */
  @Test
  void theKlGradientIsTheSameAfterAGarbageCollection() throws Exception {
    TrajectoryPair pair = HandStep.pair(new double[0], new double[0]);
    double expected = gradient(pair, true, false);

    assertThat(expected).isNotZero();
    for (int round = 0; round < 20; round++) {
      assertThat(gradient(pair, true, true)).as("round %d", round).isEqualTo(expected);
    }
  }

  private double gradient(TrajectoryPair pair) throws InterruptedException {
    return gradient(pair, false, false);
  }

  /**
   * ∂loss/∂w with a trainable ε̂_θ = w·x; the reference is the policy itself (no KL) or, with
   * {@code fixedReference}, 0.45·x, so that the KL to it is not zero.
   */
  private double gradient(
      TrajectoryPair pair, boolean fixedReference, boolean collectBeforeBackward)
      throws InterruptedException {
    NDArray w = manager.create(new float[] {0.5f});
    w.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      PairLosses computed =
          new DpokObjective(schedule, 2, new D3poConfig(0.01, 1), true)
              .losses(
                  HandStep.batch(manager, pair),
                  (xt, t, c) -> xt.mul(w),
                  (xt, t, c) -> fixedReference ? xt.mul(0.45f) : xt.mul(w.stopGradient()),
                  HandStep.fixedSource(1),
                  new SplittableRandom(1));
      if (collectBeforeBackward) {
        ForcedGarbageCollection.collect();
      }
      collector.backward(computed.losses().sum());
      return w.getGradient().getFloat();
    }
  }

  /** log N(x_prev; μ_w(x_t), σ²), mean over the two dimensions, of the hand step. */
  private static double handLogProb(double w, boolean winner) {
    double variance = 0.24609375;
    double[] x = winner ? new double[] {1, -1} : new double[] {0.5, 0.5};
    double[] next = winner ? new double[] {0.2, 0.4} : new double[] {-1, 0.3};
    double sum = 0;
    for (int d = 0; d < 2; d++) {
      double eps = w * x[d];
      double x0 = (x[d] - 0.8 * eps) / 0.6;
      double mean = 0.8 * x0 + 0.3375 * eps;
      sum +=
          -Math.pow(next[d] - mean, 2) / (2 * variance)
              - 0.5 * Math.log(variance)
              - 0.5 * Math.log(2 * Math.PI);
    }
    return sum / 2;
  }
}
