package prefloop.learner.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** Small tensor helpers the core shares. */
final class NDArrays {

  private NDArrays() {}

  /**
   * Scalars (shape [] or [1]) stacked into a vector [n], keeping the autograd graph (DJL's {@code
   * NDArrays.concat} duplicates a single input, which detaches it).
   */
  static NDArray stackScalars(NDArray[] scalars) {
    NDArray first = scalars[0].reshape(1);
    if (scalars.length == 1) {
      return first;
    }
    NDList rest = new NDList(scalars.length - 1);
    for (int i = 1; i < scalars.length; i++) {
      rest.add(scalars[i].reshape(1));
    }
    return first.getNDArrayInternal().concat(rest, 0);
  }
}
