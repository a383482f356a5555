package prefloop.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Single-head self-attention over the H·W positions of a feature map, with a residual connection: y
 * = x + proj(softmax(Q Kᵀ / √C) V), where Q, K, V are linear maps of GN(x). The output projection
 * starts at zero, so the block starts as the identity.
 */
final class SelfAttention extends ShapedBlock {

  private final int channels;
  private final GroupNorm norm;
  private final DenseLayer qkv;
  private final DenseLayer proj;

  SelfAttention(int channels, int groups) {
    this.channels = channels;
    this.norm = addChildBlock("norm", new GroupNorm(channels, groups));
    this.qkv = addChildBlock("qkv", new DenseLayer(channels, 3 * channels));
    this.proj = addChildBlock("proj", new DenseLayer(channels, channels, true));
  }

  @Override
  NDArray apply(NDArray x) {
    Shape shape = x.getShape();
    long n = shape.get(0);
    long positions = shape.get(2) * shape.get(3);
    NDArray tokens = norm.apply(x).reshape(n, channels, positions).transpose(0, 2, 1);
    NDArray projected = qkv.apply(tokens);
    NDArray q = projected.get(":, :, 0:" + channels);
    NDArray k = projected.get(":, :, " + channels + ":" + 2 * channels);
    NDArray v = projected.get(":, :, " + 2 * channels + ":");
    NDArray scores = q.batchMatMul(k.transpose(0, 2, 1));
    NDArray weights = scores.div(Scalars.like(scores, (float) Math.sqrt(channels))).softmax(2);
    NDArray attended = proj.apply(weights.batchMatMul(v));
    return x.add(attended.transpose(0, 2, 1).reshape(shape));
  }
}
