package prefloop.diffusion.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import prefloop.diffusion.schedule.NoiseSchedule;
import prefloop.diffusion.schedule.ScheduleTensors;

/**
 * Expected values from a short independent Python computation (linear schedule, T = 1000):
 *
 * <pre>
 * x0 = (xt - sqrt(1-ab_t)*eps)/sqrt(ab_t); var = (1-ab_p)/(1-ab_t)*(1-ab_t/ab_p)
 * std = eta*sqrt(var); mean = sqrt(ab_p)*x0 + sqrt(1-ab_p-std**2)*eps
 * (clipped: x0 = clip(x0,-1,1); eps = (xt - sqrt(ab_t)*x0)/sqrt(1-ab_t))
 * logp = mean_d(-(x-m)**2/(2 s**2) - log s - 0.5 log 2 pi)
 * </pre>
 */
class DdimStepTest {

  @Test
  void stepMeanAndStdMatchTheClosedFormWithClipping() {
    try (NDManager manager = NDManager.newBaseManager();
        ScheduleTensors tensors = new ScheduleTensors(NoiseSchedule.defaults(), manager)) {
      StepDistribution p = stepOfOnePixel(tensors, manager, 999, 949, 1.0, true);
      assertThat((double) p.mean().getFloat()).isCloseTo(0.3120060104453893, within(1e-4));
      assertThat((double) p.std().getFloat()).isCloseTo(0.7915866093839227, within(1e-5));
      assertThat(p.predictedX0().getFloat()).isEqualTo(1f);
    }
  }

  @Test
  void lastStepUsesAlphaBarZeroAndEtaScalesTheStd() {
    try (NDManager manager = NDManager.newBaseManager();
        ScheduleTensors tensors = new ScheduleTensors(NoiseSchedule.defaults(), manager)) {
      StepDistribution p = stepOfOnePixel(tensors, manager, 10, -1, 0.5, false);
      assertThat((double) p.mean().getFloat()).isCloseTo(0.49289273809699014, within(1e-5));
      assertThat((double) p.std().getFloat()).isCloseTo(0.004884937825841396, within(1e-6));
    }
  }

  @Test
  void etaZeroIsDeterministic() {
    try (NDManager manager = NDManager.newBaseManager();
        ScheduleTensors tensors = new ScheduleTensors(NoiseSchedule.defaults(), manager)) {
      StepDistribution p = stepOfOnePixel(tensors, manager, 500, 450, 0.0, true);
      assertThat(p.std().getFloat()).isZero();
    }
  }

  @Test
  void gaussianLogProbEqualsTheClosedFormDensityAveragedOverDimensions() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.create(new float[] {0.1f, -0.3f, 0.7f, 1.2f}).reshape(1, 1, 2, 2);
      NDArray mean = manager.create(new float[] {0f, 0f, 0.5f, 1f}).reshape(1, 1, 2, 2);
      NDArray std = manager.create(new float[] {0.4f}).reshape(1, 1, 1, 1);
      NDArray logProb = DdimStep.gaussianLogProb(x, mean, std);
      assertThat(logProb.getShape().get(0)).isEqualTo(1);
      assertThat((double) logProb.getFloat()).isCloseTo(-0.1432728013305176, within(1e-5));
    }
  }

  /** One DDIM step from t to tPrev of a 1×1×1×1 image x_t = 0.5 with predicted noise 0.2. */
  private static StepDistribution stepOfOnePixel(
      ScheduleTensors tensors, NDManager manager, int t, int tPrev, double eta, boolean clip) {
    Shape pixel = new Shape(1, 1, 1, 1);
    return DdimStep.distribution(
        tensors,
        manager.full(pixel, 0.2f),
        manager.full(pixel, 0.5f),
        manager.create(new int[] {t}),
        manager.create(new int[] {tPrev}),
        eta,
        clip);
  }
}
