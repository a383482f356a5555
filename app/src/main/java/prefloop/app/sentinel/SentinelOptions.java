package prefloop.app.sentinel;

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

  /** The --sentinel value as given (ROLLBACK, FREEZE, ALERT or OFF, any case). */
  public String action() {
    return action;
  }

  public int patience() {
    return patience;
  }

  public double learningRateFactor() {
    return learningRateFactor;
  }

  public double betaFactor() {
    return betaFactor;
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
        .withBetaFactor(betaFactor);
  }
}
