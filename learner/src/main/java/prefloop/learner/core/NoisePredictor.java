package prefloop.learner.core;

import ai.djl.ndarray.NDArray;

/**
 * ε̂(x_t, t, c): what objectives need of a model ({@code DiffusionModel::predictNoise} fits), so
 * the maths can be tested against hand-made predictors.
 */
@FunctionalInterface
public interface NoisePredictor {

  /**
   * @param xt noisy images [N, C, H, W] in model space
   * @param t timesteps [N] (int)
   * @param tokens prompt tokens [N, L]
   * @return ε̂ [N, C, H, W]
   */
  NDArray predict(NDArray xt, NDArray t, NDArray tokens);
}
