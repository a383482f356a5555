package prefloop.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Sinusoidal timestep features (Vaswani et al.; DDPM) followed by a 2-layer MLP:
 *
 * <pre>
 *   f_i(t) = sin(t · ω_i), f_{i+d/2}(t) = cos(t · ω_i),  ω_i = 10000^(−i/(d/2)),  i < d/2
 *   e(t) = W₂ · SiLU(W₁ f(t) + b₁) + b₂
 * </pre>
 *
 * t may be integer or fractional (continuous-time callers); it is cast to float.
 */
final class TimestepEmbedding extends ShapedBlock {

  private final int dim;
  private final DenseLayer hidden;
  private final DenseLayer out;

  TimestepEmbedding(int dim) {
    if (dim % 2 != 0) {
      throw new IllegalArgumentException("UNetConfig.conditionDim = " + dim + " must be even");
    }
    this.dim = dim;
    this.hidden = addChildBlock("hidden", new DenseLayer(dim, dim));
    this.out = addChildBlock("out", new DenseLayer(dim, dim));
  }

  @Override
  NDArray apply(NDArray t) {
    int half = dim / 2;
    float[] frequencies = new float[half];
    for (int i = 0; i < half; i++) {
      frequencies[i] = (float) Math.exp(-Math.log(10000.0) * i / half);
    }
    NDArray angles =
        t.toType(DataType.FLOAT32, false)
            .reshape(-1, 1)
            .mul(t.getManager().create(frequencies).reshape(1, half));
    NDArray features = angles.sin().concat(angles.cos(), 1);
    return out.apply(Silu.of(hidden.apply(features)));
  }
}
