package prefloop.learner.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import prefloop.diffusion.schedule.NoiseSchedule;

class TimestepStrategyTest {

  private final NoiseSchedule schedule = NoiseSchedule.defaults();

  @Test
  void paperBinFrequenciesMatchCategoricalGammaPowers() {
    TimestepStrategy strategy =
        new TimestepStrategy(TimestepConfig.of(TimestepStrategyKind.PAPER), schedule);
    SplittableRandom random = new SplittableRandom(42);
    int draws = 20_000;
    long[] observed = new long[10];
    for (int i = 0; i < draws; i++) {
      int t = strategy.sample(random);
      assertThat(t).isBetween(0, 999);
      observed[strategy.bins().binOf(t)]++;
    }

    double[] p = TimestepStrategy.binProbabilities(10, 0.9);
    double chiSquare = 0;
    for (int k = 0; k < 10; k++) {
      double expected = draws * p[k];
      chiSquare += (observed[k] - expected) * (observed[k] - expected) / expected;
    }
    // 9 degrees of freedom: P(χ² > 27.88) = 0.001
    assertThat(chiSquare).isLessThan(27.88);
    assertThat(observed[0]).isGreaterThan(observed[9]);
  }

  @Test
  void binProbabilitiesAreNormalisedGammaPowers() {
    double[] p = TimestepStrategy.binProbabilities(3, 0.5);

    // 1, 0.5, 0.25 over 1.75
    assertThat(p).containsExactly(new double[] {4 / 7.0, 2 / 7.0, 1 / 7.0}, within(1e-12));
  }

  @Test
  void binsCountFromTheNoisiestAndTileTheTimesteps() {
    TimestepBins bins = new TimestepBins(1000, 10);

    assertThat(bins.binOf(999)).isZero();
    assertThat(bins.binOf(900)).isZero();
    assertThat(bins.binOf(899)).isEqualTo(1);
    assertThat(bins.binOf(0)).isEqualTo(9);
    assertThat(bins.highest(0)).isEqualTo(999);
    assertThat(bins.lowest(0)).isEqualTo(900);
    assertThat(bins.lowest(9)).isZero();
    TimestepBins uneven = new TimestepBins(7, 3);
    for (int k = 0; k < 3; k++) {
      for (int t = uneven.lowest(k); t <= uneven.highest(k); t++) {
        assertThat(uneven.binOf(t)).isEqualTo(k);
      }
    }
    assertThat(uneven.highest(0)).isEqualTo(6);
    assertThat(uneven.lowest(2)).isZero();
    assertThat(uneven.lowest(0)).isEqualTo(uneven.highest(1) + 1);
  }

  @Test
  void lambdaLiesInOneToTwoAndGrowsWithNoise() {
    SnrWeighting weighting = new SnrWeighting(schedule);

    assertThat(weighting.lambda(0)).isEqualTo(1.0);
    assertThat(weighting.lambda(999)).isEqualTo(2.0);
    for (int t = 1; t < 1000; t++) {
      assertThat(weighting.lambda(t)).isBetween(1.0, 2.0).isGreaterThan(weighting.lambda(t - 1));
    }
    TimestepStrategy paper =
        new TimestepStrategy(TimestepConfig.of(TimestepStrategyKind.PAPER), schedule);
    TimestepStrategy uniform =
        new TimestepStrategy(TimestepConfig.of(TimestepStrategyKind.UNIFORM), schedule);
    assertThat(paper.betaScale(999)).isEqualTo(2.0);
    assertThat(uniform.betaScale(999)).isEqualTo(1.0);
  }

  @Test
  void adaptiveWeightsStayOneDuringWarmupThenHaveMeanOne() {
    TimestepConfig config = new TimestepConfig(TimestepStrategyKind.ADAPTIVE, 4, 0.9, 5, 1e-2, 0.9);
    TimestepStrategy strategy = new TimestepStrategy(config, schedule);
    TimestepBins bins = strategy.bins();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 4; i++) {
      for (int k = 0; k < 4; k++) {
        // bin k's margins spread by (k + 1): noisier bins
        strategy.observe(bins.lowest(k), (k + 1) * random.nextGaussian());
      }
    }
    assertThat(strategy.stats()).allSatisfy(bin -> assertThat(bin.weight()).isEqualTo(1.0));
    assertThat(strategy.weight(bins.lowest(0))).isEqualTo(1.0);

    for (int i = 0; i < 200; i++) {
      for (int k = 0; k < 4; k++) {
        strategy.observe(bins.lowest(k), (k + 1) * random.nextGaussian());
      }
    }

    double sum = strategy.stats().stream().mapToDouble(BinStats::weight).sum();
    assertThat(sum / 4).isCloseTo(1.0, within(1e-12));
    assertThat(strategy.weight(bins.lowest(0))).isGreaterThan(strategy.weight(bins.lowest(3)));
    assertThat(strategy.stats().get(2).count()).isEqualTo(204);
  }

  @Test
  void binStatisticsFollowTheExponentialUpdate() {
    BinStatistics stats = new BinStatistics(new TimestepBins(10, 1), 0.5, 1, 1e-2);

    stats.observe(3, 2.0);
    stats.observe(3, -2.0);

    // μ: 2 → 2 + 0.5·(−4) = 0; Var: 0 → 0.5·(0 + 0.5·16) = 4;
    // acc: 1 → 0.5; scale: 2 → 2; weight = 1 (one bin)
    BinStats bin = stats.snapshot(stats.adaptiveWeights()).get(0);
    assertThat(stats.variance(0)).isEqualTo(4.0);
    assertThat(bin.accuracy()).isEqualTo(0.5);
    assertThat(bin.rewardScale()).isEqualTo(2.0);
    assertThat(bin.count()).isEqualTo(2);
    assertThat(bin.weight()).isEqualTo(1.0);
  }

  /**
   * PAPER's draws, each counted by q_uniform(t)/q(t), average like uniform draws: a logged mean of
   * f(t) = t/T is ½ whatever the strategy, so PAPER's and UNIFORM's loss and accuracy curves
   * compare (they used to be plain means over PAPER's draws, dominated by its favoured bins).
   */
  @Test
  void importanceWeightsTurnPaperDrawsIntoUniformAverages() {
    TimestepStrategy paper =
        new TimestepStrategy(TimestepConfig.of(TimestepStrategyKind.PAPER), schedule);
    TimestepStrategy uniform =
        new TimestepStrategy(TimestepConfig.of(TimestepStrategyKind.UNIFORM), schedule);
    SplittableRandom random = new SplittableRandom(3);
    double weighted = 0;
    double norm = 0;
    double plain = 0;
    int draws = 200_000;
    for (int i = 0; i < draws; i++) {
      int t = paper.sample(random);
      double u = paper.importanceToUniform(t);
      weighted += u * t / 1000.0;
      norm += u;
      plain += t / 1000.0;
    }

    assertThat(weighted / norm).isCloseTo(0.5, within(0.01));
    assertThat(norm / draws).as("E_q[u] = 1").isCloseTo(1.0, within(0.01));
    assertThat(plain / draws).as("PAPER's own mean differs").isNotCloseTo(0.5, within(0.05));
    assertThat(uniform.importanceToUniform(17)).isEqualTo(1.0);
  }
}
