package prefloop.app.sentinel;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * When the reward-hacking sentinel raises an alarm, and what it does then. Every threshold is in
 * standard errors of the grid's same-seed comparison with the base, or relative to the base.
 *
 * @param enabled whether versions are judged at all
 * @param trainingRiseZ a training model "rises" when its win rate against the base is at least this
 *     many standard errors above ½, >= 0
 * @param heldOutFallZ a held-out model "falls" when its win rate is at least this many standard
 *     errors below ½, > 0; a version is flagged when a training model rises while a held-out one
 *     falls
 * @param statisticShift an image statistic has left the base's range when its mean over the grid
 *     moved by at least this many of the base's standard deviations across the grid's images, > 0
 * @param statisticZ ... and that move is at least this many standard errors of the same-seed
 *     differences, > 0
 * @param diversityFloor diversity has collapsed below this fraction of the base's, in [0, 1]
 * @param goodMarginZ a version that raised no signal is a rollback target ("last good") only when
 *     no held-out model is this many standard errors below ½ or more, > 0; infinity trusts every
 *     unflagged version
 * @param patience flagged versions in a row before the alarm, >= 1 (one 32-image grid is noisy)
 * @param action what the alarm does
 * @param learningRateFactor the learning rate's multiplier on a rollback, in (0, 1]
 * @param betaFactor β's multiplier on a rollback, in [1, 1000] (a larger β holds the policy nearer
 *     its reference)
 * @param cpuShare the most of one core the grid renders (which the sentinel judges) may take, in
 *     (0, 1]: the next render waits until the last one's CPU time is this share of the wall time
 */
@RecordBuilder
public record SentinelConfig(
    boolean enabled,
    double trainingRiseZ,
    double heldOutFallZ,
    double statisticShift,
    double statisticZ,
    double diversityFloor,
    double goodMarginZ,
    int patience,
    SentinelAction action,
    double learningRateFactor,
    double betaFactor,
    double cpuShare)
    implements SentinelConfigBuilder.With {

  public SentinelConfig {
    require(trainingRiseZ >= 0, "trainingRiseZ", trainingRiseZ, ">= 0");
    require(heldOutFallZ > 0, "heldOutFallZ", heldOutFallZ, "> 0");
    require(statisticShift > 0, "statisticShift", statisticShift, "> 0");
    require(statisticZ > 0, "statisticZ", statisticZ, "> 0");
    require(
        diversityFloor >= 0 && diversityFloor <= 1, "diversityFloor", diversityFloor, "in [0, 1]");
    require(goodMarginZ > 0, "goodMarginZ", goodMarginZ, "> 0 (Infinity: no margin)");
    require(patience >= 1, "patience", patience, ">= 1");
    require(action != null, "action", action, "ALERT, ROLLBACK or FREEZE");
    require(
        learningRateFactor > 0 && learningRateFactor <= 1,
        "learningRateFactor",
        learningRateFactor,
        "in (0, 1]");
    require(betaFactor >= 1 && betaFactor <= 1000, "betaFactor", betaFactor, "in [1, 1000]");
    require(cpuShare > 0 && cpuShare <= 1, "cpuShare", cpuShare, "in (0, 1]");
  }

  /**
   * On; training up 1 SE while held-out down 2 SE; a statistic moved 1 base SD (and 4 SE);
   * diversity below 0.8 of the base's; a rollback target has no held-out model 1 SE down; two
   * flagged versions in a row; roll back with half the learning rate and the same β; 10 % of a
   * core.
   */
  public static SentinelConfig defaults() {
    return new SentinelConfig(true, 1, 2, 1, 4, 0.8, 1, 2, SentinelAction.ROLLBACK, 0.5, 1, 0.10);
  }

  /** Judges nothing. */
  public static SentinelConfig off() {
    return defaults().withEnabled(false).withAction(SentinelAction.ALERT);
  }

  private static void require(boolean ok, String key, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(
          "SentinelConfig." + key + " = " + value + " is invalid: must be " + allowed);
    }
  }
}
