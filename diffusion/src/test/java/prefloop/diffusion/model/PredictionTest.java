package prefloop.diffusion.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import prefloop.diffusion.schedule.NoiseSchedule;
import prefloop.diffusion.schedule.ScheduleTensors;

class PredictionTest {

  @Test
  void aPerfectVelocityGivesBackTheExactNoise() {
    try (NDManager manager = NDManager.newBaseManager();
        ScheduleTensors schedule = new ScheduleTensors(NoiseSchedule.defaults(), manager)) {
      manager.getEngine().setRandomSeed(3);
      NDArray x0 = manager.randomUniform(-1, 1, new Shape(4, 3, 8, 8));
      NDArray noise = manager.randomNormal(new Shape(4, 3, 8, 8));
      NDArray t = manager.create(new int[] {0, 250, 700, 999});
      NDArray xt = schedule.addNoise(x0, noise, t);

      NDArray v = schedule.velocity(x0, noise, t);
      NDArray epsilon = schedule.addNoise(v, xt, t); // the conversion predictNoise applies

      assertThat(epsilon.sub(noise).abs().max().getFloat()).isLessThan(1e-5f);
      // At t = T−1 the velocity is almost −x_0: what a v-network learns to draw from the prompt.
      NDArray last = v.get(3).add(x0.get(3)).abs().max();
      assertThat(last.getFloat()).isLessThan(0.02f);
    }
  }

  @Test
  void aVelocityNetworkReportsNoiseThroughTheSchedule() {
    UNetConfig config = UNetConfig.tiny().withPrediction(Prediction.V);
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(config, 9);
        NDManager scope = model.manager().newSubManager();
        ScheduleTensors schedule = new ScheduleTensors(NoiseSchedule.defaults(), scope)) {
      NDArray xt = scope.randomNormal(new Shape(2, 3, 8, 8));
      NDArray t = scope.create(new int[] {10, 900});
      NDArray tokens = model.condition(scope, java.util.List.of("", ""));

      NDArray output = model.predictOutput(xt, t, tokens);
      NDArray expected = schedule.addNoise(output, xt, t);

      assertThat(model.predictNoise(xt, t, tokens).sub(expected).abs().max().getFloat())
          .isLessThan(1e-6f);
    }
  }

  @Test
  void olderManifestsWithoutAPredictionMeanEpsilon() {
    UNetConfig tiny = UNetConfig.tiny();
    assertThat(tiny.prediction()).isEqualTo(Prediction.EPSILON);
    assertThat(UNetConfig.defaults().prediction()).isEqualTo(Prediction.V);
  }
}
