package prefloop.learner.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/**
 * The loss's gradient survives a garbage collection between forward and backward. DJL's {@code
 * NDArray.maximum(Number)} (like {@code mul}/{@code div} by a Number) wraps the scalar in a tensor
 * over a Java direct buffer and closes it at once; autograd keeps that tensor for the backward
 * pass, and once the buffer is collected the backward reads freed memory. Our ops keep such scalars
 * in the step's scope instead (docs/DEVELOPING.md).
 */
class PreferenceLossGradientTest {

  @Test
  void gradientOfMinusLogSigmoidIsSigmaMinusOneAfterAGarbageCollection() throws Exception {
    float[] m = {-3f, -0.5f, 0f, 0.25f, 2f, 7f};
    for (int round = 0; round < 20; round++) {
      try (NDManager manager = NDManager.newBaseManager()) {
        NDArray margins = manager.create(m);
        margins.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray loss = PreferenceLoss.negativeLogSigmoid(margins).sum();
          ForcedGarbageCollection.collect();
          collector.backward(loss);
        }
        float[] gradient = margins.getGradient().toFloatArray();
        for (int i = 0; i < m.length; i++) {
          double sigma = 1 / (1 + Math.exp(-m[i]));
          assertThat((double) gradient[i])
              .as("round %d, m = %s", round, m[i])
              .isCloseTo(sigma - 1, within(1e-5));
        }
      }
    }
  }
}
