package prefloop.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;

/** y = x·Wᵀ + b on the last axis. */
final class DenseLayer extends ShapedBlock {

  private final Parameter weight;
  private final Parameter bias;

  DenseLayer(int in, int out, boolean zeroInit) {
    this.weight = addParameter(weight("weight", new Shape(out, in), zeroInit));
    this.bias = addParameter(bias("bias", out));
  }

  DenseLayer(int in, int out) {
    this(in, out, false);
  }

  @Override
  NDArray apply(NDArray x) {
    return Linear.linear(x, weight.getArray(), bias.getArray()).singletonOrThrow();
  }
}
