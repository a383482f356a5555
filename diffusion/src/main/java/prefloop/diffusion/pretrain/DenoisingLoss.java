package prefloop.diffusion.pretrain;

import ai.djl.ndarray.NDArray;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.schedule.ScheduleTensors;

/**
 * The simple DDPM objective (Ho et al. 2020, Eq. 14): L = mean ‖ε − ε_θ(√ᾱ_t·x_0 + √(1−ᾱ_t)·ε, t,
 * c)‖², averaged over batch and pixels; for a v-prediction network the same mean squared error on
 * its own output, ‖v − v̂_θ(x_t, t, c)‖² (see {@link prefloop.diffusion.model.Prediction}).
 */
public final class DenoisingLoss {

  private DenoisingLoss() {}

  /** The loss as a scalar NDArray (differentiable when the model is trainable). */
  public static NDArray of(
      DiffusionModel model,
      ScheduleTensors schedule,
      NDArray x0,
      NDArray tokens,
      NDArray t,
      NDArray noise) {
    NDArray xt = schedule.addNoise(x0, noise, t);
    NDArray target = model.outputTarget(x0, noise, t);
    return model.predictOutput(xt, t, tokens).sub(target).square().mean();
  }
}
