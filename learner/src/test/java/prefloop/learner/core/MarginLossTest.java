package prefloop.learner.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/**
 * The margins of {@link DiffusionDpoObjectiveTest}'s hand computation, m = (1.1, −2.30625): DPO's
 * −log σ(m) = (0.2873353, 2.4012275); IPO's (m − ½)² = (0.36, 7.8750390625).
 */
class MarginLossTest {

  @Test
  void dpoIsTheLogSigmoidAndIpoTheSquareAroundOneHalf() {
    try (NDManager manager = NDManager.newBaseManager()) {
      var margins = manager.create(new float[] {1.1f, -2.30625f});

      assertThat(MarginLoss.LOGISTIC.of(margins).toFloatArray())
          .containsExactly(new float[] {0.2873353f, 2.4012275f}, within(1e-6f));
      assertThat(MarginLoss.SQUARED.of(margins).toFloatArray())
          .containsExactly(new float[] {0.36f, 7.8750390625f}, within(1e-5f));
    }
  }
}
