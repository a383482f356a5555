package prefloop.learner.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import prefloop.diffusion.model.Prediction;
import prefloop.world.RgbImage;

/**
 * Diffusion-DPO on two pairs of 1×1×2 "images" with hand-made predictors ε̂_θ = 0.5·x_t and ε̂_ref
 * = 0.25·x_t, β = 10, λ = (1, 2), under {@link HandSchedule}.
 *
 * <pre>
 * pair 0: t = 0, ε = (1, −1), x^w = (1, 0), x^l = (0, 1)
 *   x^w_t = 0.8·x^w + 0.6·ε = (1.4, −0.6);  x^l_t = (0.6, 0.2)
 *   mse_θ(w) = ((0.7−1)² + (−0.3+1)²)/2 = 0.29;   mse_θ(l) = ((0.3−1)² + (0.1+1)²)/2 = 0.85
 *   mse_r(w) = ((0.35−1)² + (−0.15+1)²)/2 = 0.5725; mse_r(l) = ((0.15−1)² + (0.05+1)²)/2 = 0.9125
 *   inside = −0.5·10·1·[(0.29 − 0.85) − (0.5725 − 0.9125)] = 1.1
 * pair 1: t = 1, ε = (0, 2), x^w = (1, −1), x^l = (0.5, 0.5)
 *   x^w_t = 0.6·x^w + 0.8·ε = (0.6, 1.0);  x^l_t = (0.3, 1.9)
 *   mse_θ(w) = (0.09 + 2.25)/2 = 1.17;  mse_θ(l) = (0.0225 + 1.1025)/2 = 0.5625
 *   mse_r(w) = (0.0225 + 3.0625)/2 = 1.5425; mse_r(l) = (0.005625 + 2.325625)/2 = 1.165625
 *   inside = −0.5·10·2·[(1.17 − 0.5625) − (1.5425 − 1.165625)] = −2.30625
 * loss = (softplus(−1.1) + softplus(2.30625))/2 = (0.2873353 + 2.4012275)/2 = 1.3442814
 * implicit_acc = 1/2
 * </pre>
 */
class DiffusionDpoObjectiveTest extends HandScheduleTest {

  @Test
  void insideLossAndAccuracyMatchTheHandComputation() {
    PairBatch batch = batch(new float[] {1, 0, 1, -1}, new float[] {0, 1, 0.5f, 0.5f});
    NDArray t = manager.create(new int[] {0, 1});
    NDArray noise = manager.create(new float[] {1, -1, 0, 2}, new Shape(2, 1, 1, 2));

    NDArray inside =
        new DiffusionDpoObjective(schedule, 10)
            .inside(
                batch,
                (xt, tt, c) -> xt.mul(0.5f),
                (xt, tt, c) -> xt.mul(0.25f),
                t,
                noise,
                new double[] {1, 2});

    float[] margins = inside.toFloatArray();
    assertThat(margins[0]).isCloseTo(1.1f, within(1e-5f));
    assertThat(margins[1]).isCloseTo(-2.30625f, within(1e-5f));
    float loss = PreferenceLoss.weightedMean(inside, manager.create(new float[] {1, 1})).getFloat();
    assertThat(loss).isCloseTo(1.3442814f, within(1e-5f));
    assertThat(PreferenceLoss.implicitAccuracy(margins)).isEqualTo(0.5);
  }

  @Test
  void aVelocityModelIsJudgedInItsOwnOutputSpace() {
    // ‖v̂ − v‖² = ‖ε̂ − ε‖² / ᾱ_t: the v-space objective weighs step t by 1/ᾱ_t.
    DiffusionDpoObjective epsilon = new DiffusionDpoObjective(schedule, 2.0, Prediction.EPSILON);
    DiffusionDpoObjective velocity = new DiffusionDpoObjective(schedule, 2.0, Prediction.V);
    for (int t = 0; t < schedule.schedule().timesteps(); t++) {
      assertThat(epsilon.outputSpaceWeight(t)).isEqualTo(1.0);
      assertThat(velocity.outputSpaceWeight(t))
          .isCloseTo(1.0 / schedule.schedule().alphaBar(t), within(1e-12));
    }
    assertThat(velocity.outputSpaceWeight(1)).isGreaterThan(velocity.outputSpaceWeight(0));
  }

  @Test
  void aCappedOutputSpaceWeightStopsAtTheCapAndIsUntouchedBelowIt() {
    int last = schedule.schedule().timesteps() - 1;
    double cap = 1.0 / schedule.schedule().alphaBar(last / 2);
    DiffusionDpoObjective capped = new DiffusionDpoObjective(schedule, 2.0, Prediction.V, cap);
    for (int t = 0; t <= last; t++) {
      double weight = 1.0 / schedule.schedule().alphaBar(t);
      assertThat(capped.outputSpaceWeight(t)).isCloseTo(Math.min(weight, cap), within(1e-9));
    }
    assertThat(capped.outputSpaceWeight(last))
        .isEqualTo(cap)
        .isLessThan(1 / schedule.schedule().alphaBar(last));
  }

  @Test
  void pairWeightsWeighTheLogSigmoidsNotTheMargins() {
    NDArray margins = manager.create(new float[] {1.1f, -2.30625f});

    float loss =
        PreferenceLoss.weightedMean(margins, manager.create(new float[] {1, 3})).getFloat();

    // (0.2873353 + 3·2.4012275) / 2 pairs
    assertThat(loss).isCloseTo(3.745509f, within(1e-5f));
  }

  @Test
  void aWeightSharedByTheWholeBatchScalesTheLossInsteadOfCancelling() {
    NDArray margins = manager.create(new float[] {1.1f, -2.30625f});

    float halved =
        PreferenceLoss.weightedMean(margins, manager.create(new float[] {0.5f, 0.5f})).getFloat();
    float full = PreferenceLoss.weightedMean(margins, manager.ones(new Shape(2))).getFloat();

    // a stale batch (every pair down-weighted to ½) trains half as hard as a fresh one
    assertThat(halved).isCloseTo(full / 2, within(1e-6f));
    assertThat(full).isCloseTo((0.2873353f + 2.4012275f) / 2, within(1e-5f));
  }

  @Test
  void identicalPolicyAndReferenceGiveZeroMarginAndLogTwoLoss() {
    PairBatch batch = batch(new float[] {1, 0, 1, -1}, new float[] {0, 1, 0.5f, 0.5f});
    NoisePredictor same = (xt, tt, c) -> xt.mul(0.3f);

    NDArray inside =
        new DiffusionDpoObjective(schedule, 5000)
            .inside(
                batch,
                same,
                same,
                manager.create(new int[] {1, 0}),
                manager.create(new float[] {0.1f, 0.2f, 0.3f, 0.4f}, new Shape(2, 1, 1, 2)),
                new double[] {1, 1});

    assertThat(inside.toFloatArray()).containsExactly(new float[] {0f, 0f}, within(1e-12f));
    assertThat(PreferenceLoss.weightedMean(inside, manager.ones(new Shape(2))).getFloat())
        .isCloseTo((float) Math.log(2), within(1e-6f));
  }

  private PairBatch batch(float[] winners, float[] losers) {
    RgbImage pixel = RgbImage.filled(1, 1, new float[] {0.5f, 0.5f, 0.5f});
    return new PairBatch(
        List.of(
            PreferenceExample.of("p0", "a", pixel, pixel, 1),
            PreferenceExample.of("p1", "b", pixel, pixel, 1)),
        manager.create(winners, new Shape(2, 1, 1, 2)),
        manager.create(losers, new Shape(2, 1, 1, 2)),
        manager.zeros(new Shape(2, 1)),
        manager.zeros(new Shape(2, 1)));
  }
}
