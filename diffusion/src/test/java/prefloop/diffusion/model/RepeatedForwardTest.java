package prefloop.diffusion.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same forward twice gives the same finite numbers. On AMD EPYC CPUs with AVX-512 (the machine
 * where it was found), oneDNN's AVX-512 convolutions returned NaN or garbage in about one forward
 * in two after the first; the build caps oneDNN at AVX ({@code ONEDNN_MAX_CPU_ISA}, set by the poms
 * and {@code ./prefloop}). Without the cap this test fails on such a CPU.
 */
class RepeatedForwardTest {

  @Test
  void repeatedForwardsOfOneInputAreFiniteAndBitIdentical() {
    for (int model = 0; model < 8; model++) {
      try (DiffusionModel unet = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 11 + model);
          NDManager scope = unet.manager().newSubManager()) {
        for (Parameter p : unet.parameters()) {
          if (p.getArray().abs().sum().getFloat() == 0f) {
            p.getArray().addi(0.03f); // the zero-initialised output layers would hide the convs
          }
        }
        NDArray x = scope.randomNormal(new Shape(4, 3, 8, 8));
        NDArray t = scope.create(new int[] {3, 250, 600, 999});
        NDArray tokens =
            unet.condition(
                scope,
                List.of("a small red circle on a blue background, top left", "", "", "a circle"));
        float[] first = unet.predictNoise(x, t, tokens).toFloatArray();
        for (float value : first) {
          assertThat(value).isFinite();
        }
        for (int repeat = 0; repeat < 4; repeat++) {
          assertThat(unet.predictNoise(x, t, tokens).toFloatArray())
              .as("model %d, forward %d", model, repeat + 2)
              .containsExactly(first);
        }
      }
    }
  }
}
