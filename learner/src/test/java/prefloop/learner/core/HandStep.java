package prefloop.learner.core;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import prefloop.world.RgbImage;

/**
 * The trajectory objectives' hand-computed pair: one DDIM step t = 1 → 0 of {@link HandSchedule}, η
 * = 1, no guidance or clipping, on two-pixel frames (D3poObjectiveTest's class comment works it
 * through).
 */
final class HandStep {
  private HandStep() {}

  /** The pair, with the sampler's log-probabilities of each image's step (empty for none). */
  static TrajectoryPair pair(double[] winnerLogProbs, double[] loserLogProbs) {
    return pair(winnerLogProbs, loserLogProbs, GroupAdvantage.FROM_LABEL);
  }

  /** The pair, with the sampler's log-probabilities and DPOK's advantages of its two images. */
  static TrajectoryPair pair(
      double[] winnerLogProbs, double[] loserLogProbs, GroupAdvantage advantage) {
    return new TrajectoryPair(
        new float[][] {{1f, -1f}, {0.2f, 0.4f}},
        new float[][] {{0.5f, 0.5f}, {-1f, 0.3f}},
        new int[] {1},
        new int[] {0},
        1.0,
        1.0,
        false,
        winnerLogProbs,
        loserLogProbs,
        advantage);
  }

  /** A batch of that one pair (the images themselves are unused by trajectory objectives). */
  static PairBatch batch(NDManager manager, TrajectoryPair trajectories) {
    RgbImage pixel = RgbImage.filled(1, 1, new float[] {0.5f, 0.5f, 0.5f});
    PreferenceExample example =
        new PreferenceExample("p", "a", pixel, pixel, 1, 0, Optional.of(trajectories));
    return new PairBatch(
        List.of(example),
        manager.zeros(new Shape(1, 1, 1, 2)),
        manager.zeros(new Shape(1, 1, 1, 2)),
        manager.zeros(new Shape(1, 1)),
        manager.zeros(new Shape(1, 1)));
  }

  /** Always timestep {@code t}, λ = 1. */
  static TimestepSource fixedSource(int t) {
    return new TimestepSource() {
      @Override
      public int sample(SplittableRandom random) {
        return t;
      }

      @Override
      public double betaScale(int timestep) {
        return 1.0;
      }
    };
  }
}
