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
              + " the last good version with half the learning rate; the dashboard needs"
              + " --learner-url), ALERT, or OFF (default: ${DEFAULT-VALUE}).")
  String action = "ROLLBACK";

  @Option(
      names = "--sentinel-patience",
      paramLabel = "N",
      defaultValue = "2",
      description = "Flagged policy versions in a row before an alarm (default: ${DEFAULT-VALUE}).")
  int patience = 2;

  /** The --sentinel value as given (ROLLBACK, ALERT or OFF, any case). */
  public String action() {
    return action;
  }

  public int patience() {
    return patience;
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
          "--sentinel " + action + " is invalid: use ROLLBACK, ALERT or OFF", e);
    }
    return SentinelConfig.defaults().withAction(chosen).withPatience(patience);
  }
}
