package prefloop.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;

/**
 * Applies the gradients left by a {@code GradientCollector.backward} to a trainable model with a
 * DJL optimiser. The UNet reads parameters directly (not through a {@code ParameterStore}), so
 * {@code Trainer.step()} would not see them; this is the replacement. The PyTorch engine's
 * optimiser kernels zero each gradient after using it.
 */
public final class GradientUpdate {

  private GradientUpdate() {}

  /** One optimiser step over every parameter of {@code model}. */
  public static void apply(DiffusionModel model, Optimizer optimizer) {
    if (!model.isTrainable()) {
      throw new IllegalStateException("call setTrainable(true) before training the model");
    }
    for (Parameter parameter : model.parameters()) {
      NDArray weight = parameter.getArray();
      try (NDArray gradient = weight.getGradient()) {
        optimizer.update(parameter.getId(), weight, gradient);
      }
    }
  }
}
