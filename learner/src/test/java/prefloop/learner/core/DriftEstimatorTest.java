package prefloop.learner.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import prefloop.diffusion.schedule.NoiseSchedule;
import prefloop.diffusion.schedule.ScheduleTensors;

/** D(p_ref, p_init) of Eq. 8 against sums over every timestep done by hand. */
class DriftEstimatorTest {
  private static final NoiseSchedule SCHEDULE = NoiseSchedule.defaults();
  private NDManager manager;
  private DriftEstimator estimator;
  private NDArray x0;
  private NDArray tokens;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
    estimator = new DriftEstimator(new ScheduleTensors(SCHEDULE, manager));
    x0 = manager.randomNormal(new Shape(4, 3, 4, 4));
    tokens = manager.zeros(new Shape(4, 2), DataType.INT32);
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  @Test
  void identicalModelsHaveNoDrift() {
    NoisePredictor same = (xt, t, c) -> xt.mul(0.5f);

    assertThat(estimator.estimate(same, same, x0, tokens, 4, new SplittableRandom(1)))
        .isEqualTo(0.0);
  }

  @Test
  void aConstantGapIsWeightedByTheMeanOfOmegaExactly() {
    // ε_ref = 0, ε_init = 0.3 everywhere: mse = 0.09 at every t, so D = 0.09 · (1/T) Σ ω(t)
    NoisePredictor zero = (xt, t, c) -> xt.zerosLike();
    NoisePredictor offset = (xt, t, c) -> xt.zerosLike().add(0.3f);
    double expected = 0.09 * meanOmega();

    double d = estimator.estimate(zero, offset, x0, tokens, 4, new SplittableRandom(2));

    assertThat(d).isCloseTo(expected, within(expected * 1e-5));
  }

  @Test
  void aGapThatDependsOnTIsEstimatedWithoutBiasAndLittleSpread() {
    // ε_init = t/T: mse(t) = (t/T)², D = (1/T) Σ ω(t)·(t/T)² (most weight is at small t)
    int steps = SCHEDULE.timesteps();
    NoisePredictor zero = (xt, t, c) -> xt.zerosLike();
    NoisePredictor ramp =
        (xt, t, c) ->
            t.toType(DataType.FLOAT32, false)
                .div(steps)
                .reshape(-1, 1, 1, 1)
                .broadcast(xt.getShape());
    double expected = 0;
    for (int t = 0; t < steps; t++) {
      expected += estimator.omega(t) * Math.pow((double) t / steps, 2) / steps;
    }

    int runs = 200;
    double sum = 0;
    double sumSquares = 0;
    for (int seed = 0; seed < runs; seed++) {
      double d = estimator.estimate(zero, ramp, x0, tokens, 4, new SplittableRandom(seed));
      sum += d;
      sumSquares += d * d;
    }
    double mean = sum / runs;
    double spread = Math.sqrt(sumSquares / runs - mean * mean) / mean;

    assertThat(mean).isCloseTo(expected, within(expected * 0.03));
    assertThat(spread).as("relative spread of one estimate").isLessThan(0.15);
  }

  @Test
  void timestepsAreDrawnInProportionToOmega() {
    assertThat(estimator.timestepAt(0.0)).isZero();
    assertThat(estimator.timestepAt(0.999999)).isEqualTo(SCHEDULE.timesteps() - 1);
    // ω is largest at t = 0, so the first quantiles cover few timesteps and the last ones many
    int firstDecile = estimator.timestepAt(0.1);
    int lastDecileWidth = SCHEDULE.timesteps() - estimator.timestepAt(0.9);
    assertThat(firstDecile).isLessThan(lastDecileWidth);
  }

  private double meanOmega() {
    double sum = 0;
    for (int t = 0; t < SCHEDULE.timesteps(); t++) {
      sum += estimator.omega(t);
    }
    return sum / SCHEDULE.timesteps();
  }
}
