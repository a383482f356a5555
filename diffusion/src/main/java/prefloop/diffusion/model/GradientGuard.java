package prefloop.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.util.List;

/**
 * Global-norm gradient clipping and the non-finite check, in place on the gradients left by a
 * backward pass:
 *
 * <pre>
 *   ‖g‖ = √(Σ_p Σ g_p²);   g_p ← g_p · min(1, c / ‖g‖)      (c = 0: no clipping)
 * </pre>
 *
 * A NaN/Inf norm means some gradient is not finite; the caller then skips the step and {@link #zero
 * zeroes} the gradients (the engine accumulates them across backward passes).
 */
public final class GradientGuard {

  private GradientGuard() {}

  /** The global L2 norm of the gradients (one host read), NaN/Inf if any entry is. */
  public static double norm(List<Parameter> parameters) {
    if (parameters.isEmpty()) {
      return 0;
    }
    try (NDManager scope = parameters.get(0).getArray().getManager().newSubManager()) {
      NDArray total = scope.zeros(new Shape());
      for (Parameter parameter : parameters) {
        // Results land in the gradient's manager (the model's, which lives for the whole run):
        // close or re-attach every one, or each step leaks a model's worth of memory.
        try (NDArray gradient = parameter.getArray().getGradient();
            NDArray squares = gradient.square()) {
          NDArray sum = squares.sum();
          sum.attach(scope);
          total = total.add(sum);
        }
      }
      return Math.sqrt(total.getFloat());
    }
  }

  /** Scales every gradient by min(1, clip/norm); returns the factor applied. */
  public static double clip(List<Parameter> parameters, double norm, double clip) {
    if (clip <= 0 || norm <= clip) {
      return 1.0;
    }
    float factor = (float) (clip / norm);
    for (Parameter parameter : parameters) {
      try (NDArray gradient = parameter.getArray().getGradient()) {
        gradient.muli(factor);
      }
    }
    return factor;
  }

  /**
   * Sets every gradient to exactly 0 (also clears NaN, which a subtraction would keep), in place.
   *
   * <p>Not {@code gradient.set(float[])}: on CPU the PyTorch engine makes the tensor point into a
   * Java direct buffer that only the temporary wrapper keeps alive; once it is closed and
   * collected, the next backward pass writes into freed memory (heap corruption, then a crash
   * minutes later).
   */
  public static void zero(List<Parameter> parameters) {
    NDIndex everything = new NDIndex("...");
    for (Parameter parameter : parameters) {
      try (NDArray gradient = parameter.getArray().getGradient()) {
        gradient.set(everything, 0f);
      }
    }
  }
}
