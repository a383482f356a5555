package prefloop.diffusion.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToyDiffusionModelTest {

  static void assertSameWeights(DiffusionModel a, DiffusionModel b) {
    List<Parameter> pa = a.parameters();
    List<Parameter> pb = b.parameters();
    assertThat(pa).hasSameSizeAs(pb);
    for (int i = 0; i < pa.size(); i++) {
      assertThat(pa.get(i).getArray().toFloatArray())
          .as(pa.get(i).getName())
          .containsExactly(pb.get(i).getArray().toFloatArray());
    }
  }

  @Test
  void sameConfigAndSeedGiveBitIdenticalWeightsAndDuplicateCopiesThem() {
    try (DiffusionModel a = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 5);
        DiffusionModel b = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 5);
        DiffusionModel c = a.duplicate()) {
      assertSameWeights(a, b);
      assertSameWeights(a, c);
      assertThat(a.namedParameters().keys()).isEqualTo(c.namedParameters().keys());
      assertThat(a.parameterCount()).isEqualTo(c.parameterCount()).isGreaterThan(1000);
    }
  }

  @Test
  void predictsNoiseOfTheInputShapeAndTrainsThroughAGradientCollector() {
    UNetConfig config = UNetConfig.tiny();
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(config, 1);
        NDManager scope = model.manager().newSubManager()) {
      // with the zero-initialised output layers non-zero, gradients reach every layer
      for (Parameter p : model.parameters()) {
        if (p.getArray().abs().sum().getFloat() == 0f) {
          p.getArray().addi(0.03f);
        }
      }
      model.setTrainable(true);
      NDArray x = scope.randomNormal(new Shape(2, 3, 8, 8));
      NDArray t = scope.create(new int[] {3, 900});
      NDArray tokens =
          model.condition(scope, List.of("a small red circle on a blue background, top left", ""));
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray eps = model.predictNoise(x, t, tokens);
        assertThat(eps.getShape()).isEqualTo(new Shape(2, 3, 8, 8));
        collector.backward(eps.sub(x).square().mean());
      }
      Parameter out = model.namedParameters().get("16out_weight");
      Parameter tokenEmbedding = model.namedParameters().get("02prompt_token");
      assertThat(out.getArray().getGradient().abs().sum().getFloat()).isPositive();
      assertThat(tokenEmbedding.getArray().getGradient().abs().sum().getFloat()).isPositive();
    }
  }

  @Test
  void mergeMovesTheTargetByAlphaAndCopyParametersCopies() {
    try (DiffusionModel target = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 1);
        DiffusionModel source = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 2)) {
      float before = target.parameters().get(2).getArray().toFloatArray()[0];
      float other = source.parameters().get(2).getArray().toFloatArray()[0];
      ParameterAverage.mergeInto(target, source, 0.25);
      assertThat((double) target.parameters().get(2).getArray().toFloatArray()[0])
          .isCloseTo(0.75 * before + 0.25 * other, within(1e-6));
      target.copyParametersFrom(source);
      assertSameWeights(target, source);
      target.setTrainable(true);
      assertThatThrownBy(() -> ParameterAverage.mergeInto(target, source, 0.5))
          .hasMessageContaining("frozen");
    }
  }

  @Test
  void invalidConfigNamesTheKeyAndRange() {
    assertThatThrownBy(
            () -> new UNetConfig(32, 3, 12, List.of(1, 2), 1, true, 8, 16, 8, 64, 12, null, null))
        .hasMessageContaining("UNetConfig.groups");
    assertThatThrownBy(
            () -> new UNetConfig(30, 3, 8, List.of(1, 2, 2), 1, true, 4, 16, 8, 64, 12, null, null))
        .hasMessageContaining("UNetConfig.imageSize");
  }
}
