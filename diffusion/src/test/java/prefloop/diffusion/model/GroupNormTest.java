package prefloop.diffusion.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import org.junit.jupiter.api.Test;

class GroupNormTest {

  @Test
  void eachGroupOfEachSampleHasZeroMeanAndUnitVariance() {
    try (NDManager manager = NDManager.newBaseManager()) {
      GroupNorm norm = new GroupNorm(8, 4);
      norm.setInitializer(Initializer.ONES, ai.djl.nn.Parameter.Type.GAMMA);
      norm.setInitializer(Initializer.ZEROS, ai.djl.nn.Parameter.Type.BETA);
      norm.initialize(manager, DataType.FLOAT32, new Shape(2, 8, 5, 5));
      NDArray x = manager.randomNormal(3f, 2f, new Shape(2, 8, 5, 5), DataType.FLOAT32);
      NDArray grouped = norm.apply(x).reshape(2, 4, 50);
      float[] means = grouped.mean(new int[] {2}).toFloatArray();
      float[] variances =
          grouped
              .sub(grouped.mean(new int[] {2}, true))
              .square()
              .mean(new int[] {2})
              .toFloatArray();
      for (int i = 0; i < means.length; i++) {
        assertThat((double) means[i]).isCloseTo(0, within(1e-5));
        assertThat((double) variances[i]).isCloseTo(1, within(1e-3));
      }
    }
  }

  @Test
  void affineParametersScaleAndShiftPerChannel() {
    try (NDManager manager = NDManager.newBaseManager()) {
      GroupNorm norm = new GroupNorm(2, 1);
      norm.setInitializer(
          (m, s, d) -> m.create(new float[] {2f, 3f}).reshape(s), ai.djl.nn.Parameter.Type.GAMMA);
      norm.setInitializer(
          (m, s, d) -> m.create(new float[] {1f, -1f}).reshape(s), ai.djl.nn.Parameter.Type.BETA);
      norm.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 1, 1));
      // channels 0 and 1 are one group: values −1 and +1 normalise to −1 and +1 (ε aside)
      float[] y =
          norm.apply(manager.create(new float[] {-1f, 1f}).reshape(1, 2, 1, 1)).toFloatArray();
      assertThat((double) y[0]).isCloseTo(2 * -1 + 1, within(1e-4));
      assertThat((double) y[1]).isCloseTo(3 * 1 - 1, within(1e-4));
    }
  }
}
