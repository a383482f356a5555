package prefloop.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Collections;
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
      int n = Math.toIntExact(tokens.getShape().get(0));
      NDArray unconditional = model.condition(manager, Collections.nCopies(n, ""));
      this.doubledTokens = tokens.concat(unconditional, 0);
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
