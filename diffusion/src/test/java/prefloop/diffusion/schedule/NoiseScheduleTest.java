package prefloop.diffusion.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/**
 * Expected values were computed independently in Python (double precision):
 *
 * <pre>
 * lin = [1e-4 + (0.02-1e-4)*t/999 for t in range(1000)]
 * sl  = [(sqrt(0.00085) + (sqrt(0.012)-sqrt(0.00085))*t/999)**2 for t in range(1000)]
 * f   = lambda u: cos((u+0.008)/1.008*pi/2)**2
 * cos = [min(1 - f((t+1)/1000)/f(t/1000), 0.999) for t in range(1000)]
 * alpha_bar = cumulative product of (1 - beta); snr = ab/(1-ab)
 * </pre>
 */
class NoiseScheduleTest {

  private static final double EPS = 1e-12;

  @Test
  void linearScheduleMatchesHandComputedValues() {
    NoiseSchedule s = NoiseSchedule.of(ScheduleConfig.defaults());
    assertThat(s.timesteps()).isEqualTo(1000);
    assertThat(s.beta(0)).isCloseTo(1e-4, within(EPS));
    assertThat(s.beta(499)).isCloseTo(0.01004004004004004, within(EPS));
    assertThat(s.beta(999)).isCloseTo(0.02, within(EPS));
    assertThat(s.alpha(999)).isCloseTo(0.98, within(EPS));
    assertThat(s.alphaBar(0)).isCloseTo(0.9999, within(EPS));
    assertThat(s.alphaBar(499)).isCloseTo(0.07858724288177821, within(1e-10));
    assertThat(s.alphaBar(999)).isCloseTo(4.0358297653756754e-05, within(1e-12));
    assertThat(s.sqrtAlphaBar(499)).isCloseTo(Math.sqrt(0.07858724288177821), within(1e-10));
    assertThat(s.sqrtOneMinusAlphaBar(499))
        .isCloseTo(Math.sqrt(1 - 0.07858724288177821), within(1e-10));
    assertThat(s.snr(0)).isCloseTo(9999.0, within(1e-6));
    assertThat(s.snr(499)).isCloseTo(0.08528994446263682, within(1e-10));
  }

  @Test
  void scaledLinearScheduleMatchesHandComputedValues() {
    NoiseSchedule s = NoiseSchedule.of(ScheduleConfig.scaledLinear());
    assertThat(s.beta(0)).isCloseTo(0.00085, within(EPS));
    assertThat(s.beta(499)).isCloseTo(0.00480379298055072, within(EPS));
    assertThat(s.beta(999)).isCloseTo(0.012, within(EPS));
    assertThat(s.alphaBar(499)).isCloseTo(0.27766965045646763, within(1e-10));
    assertThat(s.alphaBar(999)).isCloseTo(0.004660098513077234, within(1e-10));
    assertThat(s.snr(499)).isCloseTo(0.3844081182964796, within(1e-9));
  }

  @Test
  void cosineScheduleMatchesHandComputedValuesAndClipsBeta() {
    NoiseSchedule s = NoiseSchedule.of(ScheduleConfig.cosine());
    assertThat(s.beta(0)).isCloseTo(4.128422482196914e-05, within(1e-12));
    assertThat(s.beta(499)).isCloseTo(0.0031458862304780677, within(1e-12));
    assertThat(s.beta(999)).isEqualTo(0.999);
    assertThat(s.alphaBar(499)).isCloseTo(0.4938435904406382, within(1e-10));
    assertThat(s.snr(499)).isCloseTo(0.975673884818642, within(1e-9));
  }

  @Test
  void forwardProcessOnTheDeviceUsesTheScheduleAtEachSamplesTimestep() {
    NoiseSchedule s = NoiseSchedule.defaults();
    try (NDManager manager = NDManager.newBaseManager();
        ScheduleTensors tensors = new ScheduleTensors(s, manager)) {
      NDArray x0 = manager.create(new float[] {0.5f, -1f}).reshape(2, 1, 1, 1);
      NDArray eps = manager.create(new float[] {2f, 0.25f}).reshape(2, 1, 1, 1);
      NDArray t = manager.create(new int[] {0, 499});
      float[] xt = tensors.addNoise(x0, eps, t).toFloatArray();
      assertThat((double) xt[0])
          .isCloseTo(s.sqrtAlphaBar(0) * 0.5 + s.sqrtOneMinusAlphaBar(0) * 2, within(1e-6));
      assertThat((double) xt[1])
          .isCloseTo(-s.sqrtAlphaBar(499) + s.sqrtOneMinusAlphaBar(499) * 0.25, within(1e-6));
      float[] prev = tensors.alphaBarPrev(manager.create(new int[] {-1, 10})).toFloatArray();
      assertThat((double) prev[0]).isCloseTo(s.alphaBar(0), within(1e-7));
      assertThat((double) prev[1]).isCloseTo(s.alphaBar(10), within(1e-7));
    }
  }

  @Test
  void invalidConfigNamesTheKey() {
    assertThatThrownBy(() -> new ScheduleConfig(ScheduleKind.LINEAR, 1, 1e-4, 0.02))
        .hasMessageContaining("ScheduleConfig.timesteps");
    assertThatThrownBy(() -> new ScheduleConfig(ScheduleKind.LINEAR, 10, 0.5, 0.02))
        .hasMessageContaining("betaStart");
  }
}
