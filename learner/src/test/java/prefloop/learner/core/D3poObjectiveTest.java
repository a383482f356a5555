package prefloop.learner.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * D3PO on one pair with one DDIM step t = 1 → t_prev = 0 of {@link HandSchedule} (ᾱ_t = 0.36,
 * ᾱ_prev = 0.64), η = 1, no guidance or clipping, ε̂_θ = 0.5·x, ε̂_ref = 0.45·x, β = 2, ε = 0.1.
 *
 * <pre>
 *   σ² = (1−0.64)/(1−0.36)·(1 − 0.36/0.64) = 0.24609375;  √(1 − ᾱ_prev − σ²) = 0.3375
 *   x̂_0 = (x − 0.8·ε̂)/0.6;  μ = 0.8·x̂_0 + 0.3375·ε̂
 *   winner x_t = (1, −1) → x_prev = (0.2, 0.4):
 *     log π_θ − log π_ref = mean_d [(x_prev − μ_ref)² − (x_prev − μ_θ)²]/(2σ²) = 0.1610340
 *     → clamped to log 1.1 = 0.0953102
 *   loser x_t = (0.5, 0.5) → x_prev = (−1, 0.3):  0.0624807 (inside the clamp)
 *   inside = 2·(0.0953102 − 0.0624807) = 0.0656589;  loss = softplus(−inside) = 0.6608565
 * </pre>
 */
class D3poObjectiveTest extends HandScheduleTest {

  @Test
  void clampedLogRatioMarginMatchesTheHandComputation() {
    TrajectoryPair trajectories = HandStep.pair(new double[0], new double[0]);
    PairBatch batch = HandStep.batch(manager, trajectories);
    TimestepSource source = HandStep.fixedSource(1);

    PairLosses computed =
        new D3poObjective(schedule, 2, new D3poConfig(0.1, 1))
            .losses(
                batch,
                (xt, t, c) -> xt.mul(0.5f),
                (xt, t, c) -> xt.mul(0.45f),
                source,
                new SplittableRandom(1));

    assertThat(computed.margins().toFloatArray()[0]).isCloseTo(0.0656589f, within(2e-6f));
    assertThat(computed.timesteps()).containsExactly(1);
    assertThat(computed.losses().toFloatArray()[0]).isCloseTo(0.6608565f, within(2e-6f));
  }

  /**
   * K = 2 draws of that same step: each step's margin is 0.0656589 with λ = 1, so a log-sigmoid per
   * step, averaged, is softplus(−0.0656589) = 0.6608565. The old contract put both steps inside one
   * sigmoid with weights λ/K: the same margin, so it agreed here; with λ = 2 on the first draw and
   * 1 on the second the two differ: per step (softplus(−0.1313178) + softplus(−0.0656589))/2 =
   * 0.6452494, one sigmoid softplus(−(0.1313178 + 0.0656589)/2) = 0.6451150.
   */
  @Test
  void eachStepHasItsOwnLogSigmoidAndTheirMeanIsThePairsLoss() {
    TrajectoryPair trajectories = HandStep.pair(new double[0], new double[0]);
    TimestepSource alternating =
        new TimestepSource() {
          private int draws;

          @Override
          public int sample(SplittableRandom random) {
            draws++;
            return 1;
          }

          @Override
          public double betaScale(int timestep) {
            return draws % 2 == 1 ? 2.0 : 1.0;
          }
        };

    PairLosses computed =
        new D3poObjective(schedule, 2, new D3poConfig(0.1, 2))
            .losses(
                HandStep.batch(manager, trajectories),
                (xt, t, c) -> xt.mul(0.5f),
                (xt, t, c) -> xt.mul(0.45f),
                alternating,
                new SplittableRandom(1));

    assertThat(computed.losses().toFloatArray()[0]).isCloseTo(0.6452494f, within(2e-6f));
    assertThat(computed.margins().toFloatArray()[0]).isCloseTo(0.0984884f, within(2e-6f));
  }

  @Test
  void drawnTimestepsMapToTheNearestVisitedStep() {
    int[] visited = {999, 749, 499, 249};

    assertThat(D3poObjective.nearest(visited, 990)).isZero();
    assertThat(D3poObjective.nearest(visited, 600)).isEqualTo(2);
    assertThat(D3poObjective.nearest(visited, 0)).isEqualTo(3);
  }
}
