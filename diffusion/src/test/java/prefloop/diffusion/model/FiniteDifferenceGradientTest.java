package prefloop.diffusion.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Autograd agrees with central finite differences on the input convolution, the layer whose
 * gradient passes through every other layer's backward. On an AMD EPYC with AVX-512, oneDNN's AVX2
 * and AVX-512 convolution backward gave this weight a gradient 4× too small (and NaN on the first
 * backward of a process); {@code ONEDNN_MAX_CPU_ISA=AVX} (the build's cap) and {@code SSE41} were
 * exact (docs/DEVELOPING.md).
 */
class FiniteDifferenceGradientTest {

  private static final String INPUT_CONV = "03in_weight";

  @Test
  void inputConvolutionGradientMatchesFiniteDifferences() {
    UNetConfig config = UNetConfig.defaults();
    try (DiffusionModel unet = ToyDiffusionModel.newInitialised(config, 7);
        NDManager scope = unet.manager().newSubManager()) {
      for (Parameter p : unet.parameters()) {
        if (p.getArray().abs().sum().getFloat() == 0f) {
          p.getArray().addi(0.02f); // zero-initialised output layers would block every gradient
        }
      }
      int n = 4;
      int size = config.imageSize();
      SplittableRandom random = new SplittableRandom(3);
      float[] pixels = new float[n * 3 * size * size];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (float) random.nextGaussian();
      }
      NDArray x = scope.create(pixels, new Shape(n, 3, size, size));
      NDArray t = scope.create(new int[] {50, 300, 600, 900});
      String prompt = "a small red circle on a blue background, top left";
      NDArray tokens = unet.condition(scope, List.of(prompt, prompt, "", prompt));
      NDArray weight = parameter(unet).getArray();

      unet.setTrainable(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        collector.backward(loss(unet, x, t, tokens));
      }
      float[] autograd = weight.getGradient().toFloatArray();
      unet.setTrainable(false);

      NDArray flat = weight.reshape(-1);
      float h = 1e-2f;
      for (int index : new int[] {0, 100, 300}) {
        float value = flat.getFloat(index);
        flat.set(new NDIndex(index), value + h);
        double plus = loss(unet, x, t, tokens).getFloat();
        flat.set(new NDIndex(index), value - h);
        double minus = loss(unet, x, t, tokens).getFloat();
        flat.set(new NDIndex(index), value);
        double numeric = (plus - minus) / (2 * h);
        assertThat((double) autograd[index])
            .as("d loss / d %s[%d]", INPUT_CONV, index)
            .isCloseTo(numeric, within(0.05 * Math.abs(numeric) + 1e-6));
      }
    }
  }

  private static NDArray loss(DiffusionModel unet, NDArray x, NDArray t, NDArray tokens) {
    return unet.predictNoise(x, t, tokens).square().mean();
  }

  private static Parameter parameter(DiffusionModel unet) {
    for (var pair : unet.namedParameters()) {
      if (pair.getKey().equals(INPUT_CONV)) {
        return pair.getValue();
      }
    }
    throw new IllegalStateException("no parameter " + INPUT_CONV);
  }
}
