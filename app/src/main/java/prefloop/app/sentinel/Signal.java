package prefloop.app.sentinel;

import java.util.Locale;

/**
 * One reason a policy version looks like reward hacking.
 *
 * @param kind which check
 * @param subject the model or statistic
 * @param value the version's figure (win rate, statistic mean, diversity)
 * @param baseline the base's figure (½ for win rates)
 * @param z how many standard errors apart (NaN where it does not apply)
 */
public record Signal(Kind kind, String subject, double value, double baseline, double z) {

  /** The checks of the sentinel. */
  public enum Kind {
    /** A training reward rises against the base while a held-out one falls. */
    TRAINING_UP_HELD_OUT_DOWN,
    /** The images of one prompt look alike across seeds. */
    DIVERSITY_COLLAPSE,
    /** An image statistic moved out of the base's range. */
    IMAGE_STATISTIC
  }

  /** One line for people, e.g. "held-out aesthetic-heldout 0.28 (z −2.6) while fidelity rises". */
  public String describe() {
    return switch (kind) {
      case TRAINING_UP_HELD_OUT_DOWN ->
          String.format(
              Locale.ROOT,
              "held-out %s at %.2f against the base (z %.1f) while a training reward rises",
              subject,
              value,
              z);
      case DIVERSITY_COLLAPSE ->
          String.format(Locale.ROOT, "diversity %.2f against the base's %.2f", value, baseline);
      case IMAGE_STATISTIC ->
          String.format(
              Locale.ROOT, "%s %.3f against the base's %.3f (z %.1f)", subject, value, baseline, z);
    };
  }
}
