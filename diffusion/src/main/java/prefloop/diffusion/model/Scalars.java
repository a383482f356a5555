package prefloop.diffusion.model;

import ai.djl.ndarray.NDArray;

/**
 * Scalars for ops that autograd differentiates. DJL's {@code mul}/{@code div}/{@code maximum}/…
 * {@code (Number)} wrap the number in a tensor over a Java direct buffer and close that tensor as
 * soon as the op returns; autograd keeps it for the backward pass, and once a garbage collection
 * frees the buffer the backward reads freed memory (wrong gradients, now and then NaN, different
 * from run to run). A scalar made here lives in {@code like}'s manager, i.e. until the step's scope
 * closes, after the backward pass (docs/DEVELOPING.md).
 */
public final class Scalars {
  private Scalars() {}

  /** {@code value} as a scalar tensor in {@code like}'s manager, of {@code like}'s type. */
  public static NDArray like(NDArray like, float value) {
    return like.getManager().create(value).toType(like.getDataType(), false);
  }
}
