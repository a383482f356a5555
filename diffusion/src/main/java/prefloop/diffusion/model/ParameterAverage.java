package prefloop.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * In-place exponential moving average of parameters: θ_avg ← (1 − α)·θ_avg + α·θ for every
 * parameter pair, with gradients off (the target must be frozen). Used for the EMA weights of
 * pretraining and usable for the learner's reference merges.
 */
public final class ParameterAverage {

  private ParameterAverage() {}

  /**
   * Moves {@code target} toward {@code source} by {@code alpha} ∈ [0, 1] (1 = copy).
   *
   * @throws IllegalStateException if {@code target} is trainable
   */
  public static void mergeInto(DiffusionModel target, DiffusionModel source, double alpha) {
    if (!(alpha >= 0 && alpha <= 1)) {
      throw new IllegalArgumentException("merge alpha = " + alpha + " must be in [0, 1]");
    }
    if (target.isTrainable()) {
      throw new IllegalStateException("merge target must be frozen: call setTrainable(false)");
    }
    List<Parameter> targets = target.parameters();
    List<Parameter> sources = source.parameters();
    if (targets.size() != sources.size()) {
      throw new IllegalArgumentException("cannot merge models of different architectures");
    }
    for (int i = 0; i < targets.size(); i++) {
      if (!targets.get(i).getArray().getShape().equals(sources.get(i).getArray().getShape())) {
        throw new IllegalArgumentException(
            "cannot merge models of different architectures: parameter "
                + targets.get(i).getName()
                + " differs in shape");
      }
    }
    for (int i = 0; i < targets.size(); i++) {
      NDArray into = targets.get(i).getArray();
      try (NDArray detached = sources.get(i).getArray().stopGradient();
          NDArray scaled = detached.mul((float) alpha)) {
        into.muli((float) (1 - alpha)).addi(scaled);
      }
    }
  }

  /**
   * Copies the values of {@code from} into {@code into} (same order and shapes), leaving each
   * target recording gradients or not as {@code trainable} says. Works on trainable targets.
   */
  public static void copyValues(List<Parameter> into, List<Parameter> from, boolean trainable) {
    for (int i = 0; i < into.size(); i++) {
      NDArray target = into.get(i).getArray();
      target.set(from.get(i).getArray().toByteBuffer());
      target.setRequiresGradient(trainable);
    }
  }
}
