package prefloop.rater.fidelity;

import prefloop.world.CorpusMix;

/**
 * How to train a fidelity net.
 *
 * @param net architecture
 * @param seed seeds the engine RNG (initial weights) and the corpus sampler
 * @param steps optimiser steps, in [1, 1_000_000]
 * @param batch renders per step, in [1, 4096]
 * @param learningRate Adam step size, in (0, 1]
 * @param mix shares of clean and degraded renders in the training corpus
 */
public record FidelityTrainConfig(
    FidelityNetConfig net, long seed, int steps, int batch, double learningRate, CorpusMix mix) {

  public FidelityTrainConfig {
    if (net == null) {
      throw new IllegalArgumentException("fidelity training needs a net config");
    }
    if (steps < 1 || steps > 1_000_000) {
      throw new IllegalArgumentException("steps must be in [1, 1000000], was " + steps);
    }
    if (batch < 1 || batch > 4096) {
      throw new IllegalArgumentException("batch must be in [1, 4096], was " + batch);
    }
    if (!(learningRate > 0 && learningRate <= 1)) {
      throw new IllegalArgumentException("learning rate must be in (0, 1], was " + learningRate);
    }
    if (mix == null) {
      throw new IllegalArgumentException("fidelity training needs a corpus mix");
    }
  }
}
