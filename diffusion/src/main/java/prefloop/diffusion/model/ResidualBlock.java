package prefloop.diffusion.model;

import ai.djl.ndarray.NDArray;

/**
 * A conditioned residual block:
 *
 * <pre>
 *   h = conv₁(SiLU(GN₁(x)))
 *   (s, b) = Linear(SiLU(cond))            // FiLM from time + prompt
 *   h = conv₂(SiLU(GN₂(h) · (1 + s) + b))  // conv₂ starts at zero: the block starts as identity
 *   y = skip(x) + h                        // skip is a 1×1 conv when channels change
 * </pre>
 */
final class ResidualBlock extends ShapedBlock {

  private final int outChannels;
  private final GroupNorm norm1;
  private final ConvLayer conv1;
  private final DenseLayer film;
  private final GroupNorm norm2;
  private final ConvLayer conv2;
  private final ConvLayer skip;

  ResidualBlock(int in, int out, int conditionDim, int groups) {
    this.outChannels = out;
    this.norm1 = addChildBlock("norm1", new GroupNorm(in, groups));
    this.conv1 = addChildBlock("conv1", ConvLayer.same3x3(in, out));
    this.film = addChildBlock("film", new DenseLayer(conditionDim, 2 * out));
    this.norm2 = addChildBlock("norm2", new GroupNorm(out, groups));
    this.conv2 = addChildBlock("conv2", new ConvLayer(out, out, 3, 1, true));
    this.skip = in == out ? null : addChildBlock("skip", new ConvLayer(in, out, 1, 1, false));
  }

  /**
   * @param x features [N, in, H, W]
   * @param condition time + prompt conditioning [N, conditionDim]
   * @return features [N, out, H, W]
   */
  NDArray apply(NDArray x, NDArray condition) {
    NDArray h = conv1.apply(Silu.of(norm1.apply(x)));
    NDArray scaleShift = film.apply(Silu.of(condition)).expandDims(2).expandDims(3);
    NDArray scale = scaleShift.get(":, 0:" + outChannels);
    NDArray shift = scaleShift.get(":, " + outChannels + ":");
    h = norm2.apply(h).mul(scale.add(1f)).add(shift);
    h = conv2.apply(Silu.of(h));
    return (skip == null ? x : skip.apply(x)).add(h);
  }
}
