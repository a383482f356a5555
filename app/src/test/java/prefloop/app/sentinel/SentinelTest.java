package prefloop.app.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import prefloop.evaluation.WinRate;
import prefloop.world.RgbImage;

class SentinelTest {
  private static final int PROMPTS = 4;
  private static final int SEEDS = 4;
  private static final Map<String, Boolean> HELD_OUT =
      Map.of("fidelity", false, "aesthetic-heldout", true);
  private static final Map<String, WinRate> LEVEL =
      Map.of("fidelity", rate(0.5), "aesthetic-heldout", rate(0.5));

  private final List<String> prompts = prompts();
  private final List<RgbImage> base = grid(v -> v);

  @Test
  void anUnchangedOrSlightlyChangedGridRaisesNothingAndBecomesTheLastGoodVersion() {
    Sentinel sentinel = started(SentinelConfig.defaults());

    assertThat(sentinel.judge(1, LEVEL, HELD_OUT, prompts, base).signals()).isEmpty();
    Verdict nudged = sentinel.judge(2, LEVEL, HELD_OUT, prompts, grid(v -> v + 0.01f));

    assertThat(nudged.signals()).isEmpty();
    assertThat(sentinel.lastGood()).isEqualTo(2);
  }

  @Test
  void blownOutImagesAreFlaggedAndTheSecondFlaggedVersionInARowRaisesTheAlarm() {
    Sentinel sentinel = started(SentinelConfig.defaults());
    sentinel.judge(1, LEVEL, HELD_OUT, prompts, base);
    List<RgbImage> blownOut = grid(v -> v * 1.6f + 0.35f);

    Verdict first = sentinel.judge(2, LEVEL, HELD_OUT, prompts, blownOut);
    Verdict second = sentinel.judge(3, LEVEL, HELD_OUT, prompts, blownOut);

    assertThat(first.signals())
        .extracting(Signal::subject)
        .contains("bright fraction", "saturation");
    assertThat(first.alarm()).isFalse();
    assertThat(second.alarm()).isTrue();
    assertThat(second.lastGood()).isEqualTo(1);
    assertThat(sentinel.judge(4, LEVEL, HELD_OUT, prompts, base).flagged()).isFalse();
    assertThat(sentinel.lastGood()).isEqualTo(4);
  }

  @Test
  void seedsThatAllDrawTheSameImageAreADiversityCollapse() {
    Sentinel sentinel = started(SentinelConfig.defaults().withPatience(1));
    List<RgbImage> collapsed = new ArrayList<>();
    for (int i = 0; i < base.size(); i++) {
      collapsed.add(base.get(i % PROMPTS)); // row 0 (seed 0) repeated for every seed
    }

    Verdict verdict = sentinel.judge(1, LEVEL, HELD_OUT, prompts, collapsed);

    assertThat(verdict.signals()).extracting(Signal::kind).contains(Signal.Kind.DIVERSITY_COLLAPSE);
    assertThat(verdict.alarm()).isTrue();
    assertThat(verdict.lastGood()).isZero();
  }

  @Test
  void aHeldOutFallCountsOnlyWhileATrainingRewardRises() {
    Sentinel sentinel = started(SentinelConfig.defaults().withPatience(1));

    Verdict hacked = judge(sentinel, 1, 0.8, 0.3);
    Verdict bothFall = judge(sentinel, 2, 0.45, 0.3);
    Verdict withinNoise = judge(sentinel, 3, 0.8, 0.42);

    assertThat(hacked.signals()).hasSize(1);
    assertThat(hacked.signals().get(0).kind()).isEqualTo(Signal.Kind.TRAINING_UP_HELD_OUT_DOWN);
    assertThat(hacked.signals().get(0).z()).isCloseTo(-4.0, within(1e-9));
    assertThat(bothFall.flagged()).as("no training reward rises").isFalse();
    assertThat(withinNoise.flagged()).as("−1.6 SE is within the 2 SE threshold").isFalse();
  }

  /**
   * A version that escaped a flag but whose held-out reward already sits below the base is no place
   * to roll back to (the FREEZE run of docs/SENTINEL.md went back to such a version).
   */
  @Test
  void anUnflaggedVersionWithAHeldOutRewardDownIsNotARollbackTarget() {
    Sentinel sentinel = started(SentinelConfig.defaults().withPatience(1));
    Verdict quiet = judge(sentinel, 1, 0.5, 0.44);
    Verdict hacked = judge(sentinel, 2, 0.8, 0.3);
    Sentinel trusting =
        started(SentinelConfig.defaults().withGoodMarginZ(Double.POSITIVE_INFINITY));
    judge(trusting, 1, 0.5, 0.44);

    assertThat(quiet.flagged()).as("−1.2 SE raises no signal").isFalse();
    assertThat(hacked.alarm()).isTrue();
    assertThat(hacked.lastGood()).as("−1.2 SE is beyond the 1 SE margin").isZero();
    assertThat(trusting.lastGood()).isEqualTo(1);
  }

  /** Judges the base's own images with these win rates of a training and a held-out model. */
  private Verdict judge(Sentinel sentinel, long version, double training, double heldOut) {
    return sentinel.judge(
        version,
        Map.of("fidelity", rate(training), "aesthetic-heldout", rate(heldOut)),
        HELD_OUT,
        prompts,
        base);
  }

  private Sentinel started(SentinelConfig config) {
    Sentinel sentinel = new Sentinel(config);
    sentinel.observeBase(prompts, base);
    return sentinel;
  }

  /** A win rate with a standard error of 0.05. */
  private static WinRate rate(double value) {
    return new WinRate(value, 0.05, 0, 0, 0);
  }

  private static List<String> prompts() {
    List<String> cells = new ArrayList<>();
    for (int s = 0; s < SEEDS; s++) {
      for (int p = 0; p < PROMPTS; p++) {
        cells.add("prompt " + p);
      }
    }
    return cells;
  }

  /** Images of varied brightness and texture (seed row × prompt column), each value mapped. */
  private static List<RgbImage> grid(UnaryOperator<Float> map) {
    List<RgbImage> images = new ArrayList<>();
    for (int i = 0; i < PROMPTS * SEEDS; i++) {
      SplittableRandom random = new SplittableRandom(i);
      float level = 0.15f + 0.6f * i / (PROMPTS * SEEDS);
      float[] data = new float[3 * 8 * 8];
      for (int k = 0; k < data.length; k++) {
        float value = level + 0.3f * (float) (random.nextDouble() - 0.5);
        data[k] = Math.max(0, Math.min(1, map.apply(value)));
      }
      images.add(new RgbImage(8, 8, data));
    }
    return images;
  }
}
