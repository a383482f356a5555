package prefloop.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import prefloop.diffusion.model.DiffusionModel;

/**
 * Classifier-free guidance (Ho &amp; Salimans 2022): ε = ε_u + w·(ε_c − ε_u), with the EMPTY prompt
 * as the unconditional branch; both branches run as one batch of 2N. w = 1 runs only ε_c.
 */
final class GuidedNoise {

  private final DiffusionModel model;
  private final NDArray tokens;
  private final NDArray doubledTokens;
  private final float scale;

  GuidedNoise(DiffusionModel model, NDArray tokens, double scale, NDManager manager) {
    this.model = model;
    this.tokens = tokens;
    this.scale = (float) scale;
    if (scale == 1.0) {
      this.doubledTokens = null;
    } else {
      long n = tokens.getShape().get(0);
      int[] empty = model.tokenizer().encodeEmpty();
      int[] flat = new int[Math.toIntExact(n) * empty.length];
      for (int i = 0; i < n; i++) {
        System.arraycopy(empty, 0, flat, i * empty.length, empty.length);
      }
      NDArray unconditional = manager.create(flat, new Shape(n, empty.length));
      this.doubledTokens = tokens.toType(DataType.INT32, false).concat(unconditional, 0);
    }
  }

  /** Guided ε̂ at x_t, t (t: [N] int). */
  NDArray predict(NDArray xt, NDArray t) {
    if (doubledTokens == null) {
      return model.predictNoise(xt, t, tokens);
    }
    NDArray both = model.predictNoise(xt.concat(xt, 0), t.concat(t, 0), doubledTokens);
    long n = xt.getShape().get(0);
    NDList halves = both.split(new long[] {n}, 0);
    NDArray conditional = halves.get(0);
    NDArray unconditional = halves.get(1);
    return unconditional.add(conditional.sub(unconditional).mul(scale));
  }
}
