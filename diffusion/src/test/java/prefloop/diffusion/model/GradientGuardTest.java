package prefloop.diffusion.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientGuardTest {

  @Test
  void clippingScalesTheGlobalNormAndZeroingClearsNaN() {
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 4);
        NDManager scope = model.manager().newSubManager()) {
      model.setTrainable(true);
      backward(model, scope, 1f);
      double norm = GradientGuard.norm(model.parameters());
      assertThat(norm).isPositive().isFinite();

      GradientGuard.clip(model.parameters(), norm, norm / 4);

      assertThat(GradientGuard.norm(model.parameters())).isCloseTo(norm / 4, within(norm * 1e-5));

      backward(model, scope, Float.NaN);
      assertThat(GradientGuard.norm(model.parameters())).isNaN();
      GradientGuard.zero(model.parameters());
      assertThat(GradientGuard.norm(model.parameters())).isZero();
    }
  }

  private static void backward(DiffusionModel model, NDManager scope, float factor) {
    NDArray x = scope.randomNormal(new ai.djl.ndarray.types.Shape(2, 3, 8, 8));
    NDArray t = scope.create(new int[] {10, 500});
    NDArray tokens =
        model.condition(scope, List.of("a small red circle on a blue background, top left", ""));
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      collector.backward(model.predictNoise(x, t, tokens).mul(factor).sum());
    }
  }
}
