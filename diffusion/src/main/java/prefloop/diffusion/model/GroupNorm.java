package prefloop.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;

/**
 * Group normalisation (Wu &amp; He, 2018), which DJL 0.36 lacks: channels are split into G groups
 * and each group of each sample is normalised over (C/G, H, W):
 *
 * <pre>
 *   y = γ_c · (x − μ_g) / √(σ²_g + ε) + β_c
 * </pre>
 *
 * with biased variance σ², ε = 1e-5 (the statistics come from the engine's fused layer-norm kernel
 * over each group: one kernel instead of six elementwise ops), and a per-channel affine (γ, β)
 * stored as [1, C, 1, 1] so that every op starts from the input and its result lands in the
 * caller's NDManager.
 */
public final class GroupNorm extends ShapedBlock {

  private static final float EPSILON = 1e-5f;

  private final int groups;
  private final Parameter gamma;
  private final Parameter beta;

  /** A GroupNorm over {@code channels} channels split into {@code groups} groups. */
  public GroupNorm(int channels, int groups) {
    if (groups < 1 || channels % groups != 0) {
      throw new IllegalArgumentException(
          "GroupNorm groups = " + groups + " must divide channels = " + channels);
    }
    this.groups = groups;
    this.gamma = addParameter(perChannel("gamma", Parameter.Type.GAMMA, channels));
    this.beta = addParameter(perChannel("beta", Parameter.Type.BETA, channels));
  }

  private static Parameter perChannel(String name, Parameter.Type type, int channels) {
    return Parameter.builder()
        .setName(name)
        .setType(type)
        .optShape(new Shape(1, channels, 1, 1))
        .build();
  }

  @Override
  public NDArray apply(NDArray x) {
    Shape shape = x.getShape();
    long n = shape.get(0);
    long groupSize = shape.size() / n / groups;
    NDArray grouped = x.reshape(n, groups, groupSize);
    NDManager manager = x.getManager();
    Shape normalisedShape = new Shape(groupSize);
    NDArray normalised =
        LayerNorm.layerNorm(
                grouped,
                normalisedShape,
                manager.ones(normalisedShape),
                manager.zeros(normalisedShape),
                EPSILON)
            .singletonOrThrow()
            .reshape(shape);
    return normalised.mul(gamma.getArray()).add(beta.getArray());
  }
}
