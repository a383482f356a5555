package prefloop.learner.core;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import prefloop.diffusion.schedule.NoiseSchedule;

/**
 * Where training timesteps come from and how they weigh (DESIGN §1, "timestep-aware optimisation"):
 *
 * <ul>
 *   <li>UNIFORM: t ~ U{0..T−1}, λ(t) = 1, weight 1;
 *   <li>PAPER: bin k ~ Cat(p), p_k = γ^k / Σ_j γ^j (bin 0 the noisiest, see {@link TimestepBins}),
 *       t uniform in the bin, β scaled by λ(t) of {@link SnrWeighting}, weight 1;
 *   <li>ADAPTIVE (ours): t ~ U{0..T−1}, λ(t) = 1, per-pair loss weight w_{bin(t)} of {@link
 *       BinStatistics} (mean 1 over bins, 1 during warm-up).
 * </ul>
 *
 * Per-bin statistics are kept for every kind.
 */
public final class TimestepStrategy implements TimestepSource {

  private final TimestepConfig config;
  private final TimestepBins bins;
  private final SnrWeighting snr;
  private final BinStatistics statistics;
  private final double[] probabilities;
  private final double[] cumulative;

  public TimestepStrategy(TimestepConfig config, NoiseSchedule schedule) {
    this.config = config;
    this.bins = new TimestepBins(schedule.timesteps(), config.bins());
    this.snr = new SnrWeighting(schedule);
    this.statistics =
        new BinStatistics(
            bins, config.statsDecay(), config.adaptiveWarmup(), config.adaptiveEpsilon());
    double[] p = binProbabilities(config.bins(), config.gamma());
    probabilities = p;
    cumulative = new double[p.length];
    double sum = 0;
    for (int k = 0; k < p.length; k++) {
      sum += p[k];
      cumulative[k] = sum;
    }
  }

  /** p_k = γ^k / Σ_{j&lt;B} γ^j, the paper's bin distribution. */
  public static double[] binProbabilities(int bins, double gamma) {
    double[] p = new double[bins];
    double sum = 0;
    for (int k = 0; k < bins; k++) {
      p[k] = Math.pow(gamma, k);
      sum += p[k];
    }
    for (int k = 0; k < bins; k++) {
      p[k] /= sum;
    }
    return p;
  }

  public TimestepStrategyKind kind() {
    return config.kind();
  }

  public TimestepBins bins() {
    return bins;
  }

  @Override
  public int sample(SplittableRandom random) {
    if (config.kind() != TimestepStrategyKind.PAPER) {
      return random.nextInt(bins.timesteps());
    }
    double u = random.nextDouble();
    int k = 0;
    while (k < cumulative.length - 1 && u >= cumulative[k]) {
      k++;
    }
    return bins.lowest(k) + random.nextInt(bins.highest(k) - bins.lowest(k) + 1);
  }

  @Override
  public double betaScale(int t) {
    return config.kind() == TimestepStrategyKind.PAPER ? snr.lambda(t) : 1.0;
  }

  /**
   * q_uniform(t) / q(t): how much a pair trained at t counts when a batch's loss and accuracy are
   * logged, so that curves of strategies that draw t differently compare. PAPER draws bin k with
   * probability p_k, uniformly inside it, so the ratio is |bin k| / (T·p_k); the other strategies
   * draw t uniformly (1).
   */
  public double importanceToUniform(int t) {
    if (config.kind() != TimestepStrategyKind.PAPER) {
      return 1.0;
    }
    int k = bins.binOf(t);
    int size = bins.highest(k) - bins.lowest(k) + 1;
    return size / (bins.timesteps() * probabilities[k]);
  }

  /**
   * Σ u_i·w_i·ℓ_i / Σ u_i with u_i = {@link #importanceToUniform}: the optimised Σ w_i·ℓ_i / P when
   * timesteps are drawn uniformly (all u_i = 1).
   */
  public double uniformMean(float[] losses, float[] weights, int[] pairTimesteps) {
    double sum = 0;
    double norm = 0;
    for (int i = 0; i < losses.length; i++) {
      double u = importanceToUniform(pairTimesteps[i]);
      sum += u * weights[i] * losses[i];
      norm += u;
    }
    return sum / norm;
  }

  /** The fraction of positive margins, each pair counted by its importance to uniform t. */
  public double uniformAccuracy(float[] margins, int[] pairTimesteps) {
    double wins = 0;
    double norm = 0;
    for (int i = 0; i < margins.length; i++) {
      double u = importanceToUniform(pairTimesteps[i]);
      wins += margins[i] > 0 ? u : 0;
      norm += u;
    }
    return wins / norm;
  }

  /** The loss weight of a pair trained at t (before this step's margins are observed). */
  public double weight(int t) {
    return config.kind() == TimestepStrategyKind.ADAPTIVE
        ? statistics.adaptiveWeights()[bins.binOf(t)]
        : 1.0;
  }

  /** Records a trained pair's margin. */
  public void observe(int t, double margin) {
    statistics.observe(t, margin);
  }

  /** The running per-bin statistics, to save with a checkpoint. */
  public BinStatistics.State statisticsState() {
    return statistics.state();
  }

  /** Restores per-bin statistics saved with a checkpoint. */
  public void restoreStatistics(BinStatistics.State state) {
    statistics.restore(state);
  }

  /** Current per-bin statistics with the weights in force. */
  public List<BinStats> stats() {
    double[] weights =
        config.kind() == TimestepStrategyKind.ADAPTIVE
            ? statistics.adaptiveWeights()
            : filledWithOne(bins.count());
    return statistics.snapshot(weights);
  }

  private static double[] filledWithOne(int n) {
    double[] ones = new double[n];
    Arrays.fill(ones, 1.0);
    return ones;
  }
}
