package prefloop.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** SiLU(x) = x · σ(x) (swish with β = 1), which DJL 0.36 does not name. */
final class Silu {
  private Silu() {}

  static NDArray of(NDArray x) {
    return x.mul(Activation.sigmoid(x));
  }
}
