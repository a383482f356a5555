package prefloop.diffusion.sampler;

import ai.djl.ndarray.NDArray;

/**
 * The Gaussian p(x_{t_prev} | x_t) = N(mean, std²·I) of one reverse step.
 *
 * @param mean [N, C, H, W]
 * @param std [N, 1, 1, 1] (zero when η = 0)
 * @param predictedX0 x̂_0 [N, C, H, W] the mean was built from
 */
public record StepDistribution(NDArray mean, NDArray std, NDArray predictedX0) {}
