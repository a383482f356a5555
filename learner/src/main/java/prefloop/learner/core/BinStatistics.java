package prefloop.learner.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Running per-bin statistics of the implicit reward margin m (= inside) and the adaptive weights
 * built from them. Per bin k, exponentially weighted with decay ρ (West 1979; the first sample
 * initialises the mean, variance starts at 0):
 *
 * <pre>
 *   d = m − μ_k;  μ_k += (1−ρ)·d;  Var_k = ρ·(Var_k + (1−ρ)·d²)
 *   acc_k ← ρ·acc_k + (1−ρ)·[m &gt; 0];   scale_k ← ρ·scale_k + (1−ρ)·|m|
 *   w_k   = r_k · B / Σ_j r_j,  r_k = 1/√(Var_k + ε)      once every bin has ≥ N samples, else 1
 * </pre>
 *
 * The weights have mean 1 over the bins: they redistribute the loss across timesteps without
 * changing its overall scale (bins with a noisier margin get less weight).
 */
public final class BinStatistics {

  private final TimestepBins bins;
  private final double decay;
  private final int warmup;
  private final double epsilon;
  private final long[] count;
  private final double[] mean;
  private final double[] variance;
  private final double[] accuracy;
  private final double[] scale;

  public BinStatistics(TimestepBins bins, double decay, int warmup, double epsilon) {
    this.bins = bins;
    this.decay = decay;
    this.warmup = warmup;
    this.epsilon = epsilon;
    int b = bins.count();
    count = new long[b];
    mean = new double[b];
    variance = new double[b];
    accuracy = new double[b];
    scale = new double[b];
  }

  /**
   * The running statistics, to save with a checkpoint: the adaptive weights must not restart their
   * warm-up after a restart.
   */
  public record State(
      long[] count, double[] mean, double[] variance, double[] accuracy, double[] scale) {}

  /** A copy of the running statistics. */
  public State state() {
    return new State(
        count.clone(), mean.clone(), variance.clone(), accuracy.clone(), scale.clone());
  }

  /**
   * Restores statistics saved by {@link #state()}.
   *
   * @throws IllegalArgumentException when they were kept for another number of bins
   */
  public void restore(State state) {
    int b = bins.count();
    if (state.count().length != b
        || state.mean().length != b
        || state.variance().length != b
        || state.accuracy().length != b
        || state.scale().length != b) {
      throw new IllegalArgumentException(
          "saved timestep statistics have " + state.count().length + " bins, not " + b);
    }
    System.arraycopy(state.count(), 0, count, 0, b);
    System.arraycopy(state.mean(), 0, mean, 0, b);
    System.arraycopy(state.variance(), 0, variance, 0, b);
    System.arraycopy(state.accuracy(), 0, accuracy, 0, b);
    System.arraycopy(state.scale(), 0, scale, 0, b);
  }

  /** Records the margin of a pair trained at timestep t. */
  public void observe(int t, double margin) {
    if (!Double.isFinite(margin)) {
      return;
    }
    int k = bins.binOf(t);
    double win = margin > 0 ? 1 : 0;
    if (count[k] == 0) {
      mean[k] = margin;
      variance[k] = 0;
      accuracy[k] = win;
      scale[k] = Math.abs(margin);
    } else {
      double d = margin - mean[k];
      mean[k] += (1 - decay) * d;
      variance[k] = decay * (variance[k] + (1 - decay) * d * d);
      accuracy[k] = decay * accuracy[k] + (1 - decay) * win;
      scale[k] = decay * scale[k] + (1 - decay) * Math.abs(margin);
    }
    count[k]++;
  }

  /** Whether every bin has at least the warm-up number of samples. */
  public boolean warmedUp() {
    for (long c : count) {
      if (c < warmup) {
        return false;
      }
    }
    return true;
  }

  /** The adaptive weights w_0..w_{B−1} (all 1 during warm-up); mean 1. */
  public double[] adaptiveWeights() {
    int b = bins.count();
    double[] weights = new double[b];
    if (!warmedUp()) {
      java.util.Arrays.fill(weights, 1.0);
      return weights;
    }
    double sum = 0;
    for (int k = 0; k < b; k++) {
      weights[k] = 1 / Math.sqrt(variance[k] + epsilon);
      sum += weights[k];
    }
    for (int k = 0; k < b; k++) {
      weights[k] *= b / sum;
    }
    return weights;
  }

  /** Running variance of bin k's margin. */
  public double variance(int k) {
    return variance[k];
  }

  /** A snapshot per bin, with the given current weights. */
  public List<BinStats> snapshot(double[] weights) {
    List<BinStats> result = new ArrayList<>(bins.count());
    for (int k = 0; k < bins.count(); k++) {
      result.add(new BinStats(k, count[k], accuracy[k], scale[k], weights[k]));
    }
    return result;
  }
}
