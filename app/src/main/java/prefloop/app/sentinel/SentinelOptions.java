package prefloop.app.sentinel;

import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The sentinel's command-line options, shared by {@code up} and {@code dashboard} (a mixin). */
public final class SentinelOptions {

  @Option(
      names = "--sentinel",
      paramLabel = "ACTION",
      defaultValue = "ROLLBACK",
      description =
          "What the reward-hacking sentinel does on an alarm: ROLLBACK (the learner goes back to"
              + " the last good version with the learning rate and β scaled as below; the"
              + " dashboard needs --learner-url), FREEZE (the same, then the learner pauses until"
              + " POST /control/resume), ALERT, or OFF (default: ${DEFAULT-VALUE}).")
  String action = "ROLLBACK";

  @Option(
      names = "--sentinel-lr-factor",
      paramLabel = "F",
      defaultValue = "0.5",
      description =
          "The learning rate's multiplier on each sentinel rollback, in (0, 1] (default:"
              + " ${DEFAULT-VALUE}).")
  double learningRateFactor = 0.5;

  @Option(
      names = "--sentinel-beta-factor",
      paramLabel = "F",
      defaultValue = "1",
      description =
          "β's multiplier on each sentinel rollback, in [1, 1000]: a larger β holds the policy"
              + " nearer its reference (default: ${DEFAULT-VALUE}).")
  double betaFactor = 1;

  @Option(
      names = "--sentinel-patience",
      paramLabel = "N",
      defaultValue = "2",
      description = "Flagged policy versions in a row before an alarm (default: ${DEFAULT-VALUE}).")
  int patience = 2;

  @Option(
      names = "--sentinel-rise-z",
      paramLabel = "Z",
      defaultValue = "1",
      description =
          "A training reward rises when it wins this many SE above ½ against the base"
              + " (default: ${DEFAULT-VALUE}).")
  double trainingRiseZ = 1;

  @Option(
      names = "--sentinel-fall-z",
      paramLabel = "Z",
      defaultValue = "2",
      description =
          "A held-out reward falls when it wins this many SE below ½ against the base"
              + " (default: ${DEFAULT-VALUE}).")
  double heldOutFallZ = 2;

  @Option(
      names = "--sentinel-statistic-shift",
      paramLabel = "SD",
      defaultValue = "1",
      description =
          "An image statistic has drifted when its grid mean moved this many of the base's SDs"
              + " (default: ${DEFAULT-VALUE}) ...")
  double statisticShift = 1;

  @Option(
      names = "--sentinel-statistic-z",
      paramLabel = "Z",
      defaultValue = "4",
      description =
          "... and this many SE of the same-seed differences (default: ${DEFAULT-VALUE}).")
  double statisticZ = 4;

  @Option(
      names = "--sentinel-diversity-floor",
      paramLabel = "F",
      defaultValue = "0.8",
      description =
          "Diversity has collapsed below this fraction of the base's (default: ${DEFAULT-VALUE}).")
  double diversityFloor = 0.8;

  @Option(
      names = "--sentinel-good-z",
      paramLabel = "Z",
      defaultValue = "1",
      description =
          "An unflagged version is a rollback target only when no held-out reward is this many SE"
              + " below ½ against the base; Infinity trusts every unflagged one"
              + " (default: ${DEFAULT-VALUE}).")
  double goodMarginZ = 1;

  @Option(
      names = "--sentinel-cpu-share",
      paramLabel = "F",
      defaultValue = "0.10",
      description =
          "The most of one core the judged grid renders may take, in (0, 1]"
              + " (default: ${DEFAULT-VALUE}).")
  double cpuShare = 0.10;

  /**
   * One option's setting: its long name, the {@link SentinelConfig} component it sets and the value
   * given.
   */
  public record Setting(String option, String component, Object value) {}

  /** Every option but --sentinel itself, as the component it sets (for a config file's layer). */
  public List<Setting> settings() {
    return List.of(
        new Setting("--sentinel-patience", "patience", patience),
        new Setting("--sentinel-lr-factor", "learningRateFactor", learningRateFactor),
        new Setting("--sentinel-beta-factor", "betaFactor", betaFactor),
        new Setting("--sentinel-rise-z", "trainingRiseZ", trainingRiseZ),
        new Setting("--sentinel-fall-z", "heldOutFallZ", heldOutFallZ),
        new Setting("--sentinel-statistic-shift", "statisticShift", statisticShift),
        new Setting("--sentinel-statistic-z", "statisticZ", statisticZ),
        new Setting("--sentinel-diversity-floor", "diversityFloor", diversityFloor),
        new Setting("--sentinel-good-z", "goodMarginZ", goodMarginZ),
        new Setting("--sentinel-cpu-share", "cpuShare", cpuShare));
  }

  /** The --sentinel value as given (ROLLBACK, FREEZE, ALERT or OFF, any case). */
  public String action() {
    return action;
  }

  /** The sentinel's config for these options. */
  public SentinelConfig config() {
    if (action.equalsIgnoreCase("OFF")) {
      return SentinelConfig.off();
    }
    SentinelAction chosen;
    try {
      chosen = SentinelAction.valueOf(action.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--sentinel " + action + " is invalid: use ROLLBACK, FREEZE, ALERT or OFF", e);
    }
    return SentinelConfig.defaults()
        .withAction(chosen)
        .withPatience(patience)
        .withLearningRateFactor(learningRateFactor)
        .withBetaFactor(betaFactor)
        .withTrainingRiseZ(trainingRiseZ)
        .withHeldOutFallZ(heldOutFallZ)
        .withStatisticShift(statisticShift)
        .withStatisticZ(statisticZ)
        .withDiversityFloor(diversityFloor)
        .withGoodMarginZ(goodMarginZ)
        .withCpuShare(cpuShare);
  }
}
