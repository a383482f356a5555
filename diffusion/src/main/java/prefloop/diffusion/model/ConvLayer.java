package prefloop.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;

/** A square 2-D convolution with "same" padding and an optional stride. */
final class ConvLayer extends ShapedBlock {

  private final Parameter weight;
  private final Parameter bias;
  private final Shape stride;
  private final Shape padding;

  ConvLayer(int in, int out, int kernel, int stride, boolean zeroInit) {
    this.weight = addParameter(weight("weight", new Shape(out, in, kernel, kernel), zeroInit));
    this.bias = addParameter(bias("bias", out));
    this.stride = new Shape(stride, stride);
    this.padding = new Shape(kernel / 2, kernel / 2);
  }

  static ConvLayer same3x3(int in, int out) {
    return new ConvLayer(in, out, 3, 1, false);
  }

  @Override
  NDArray apply(NDArray x) {
    return Conv2d.conv2d(x, weight.getArray(), bias.getArray(), stride, padding, new Shape(1, 1))
        .singletonOrThrow();
  }
}
