package prefloop.rater.human;

import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.PreferenceLabel;

/**
 * A pair waiting for people.
 *
 * @param pair the pair as consumed
 * @param margin the ensemble margin Δ (positive favours A)
 * @param modelLabel the ensemble's most likely label, for agreement statistics
 * @param swapped whether the page shows B on the left (randomised per pair)
 */
public record HumanTask(
    GeneratedPair pair, double margin, PreferenceLabel modelLabel, boolean swapped) {
  public String pairId() {
    return pair.getPairId();
  }

  /** The label meant by a choice of side on the page. */
  public PreferenceLabel labelFor(Choice choice) {
    return switch (choice) {
      case LEFT -> swapped ? PreferenceLabel.B : PreferenceLabel.A;
      case RIGHT -> swapped ? PreferenceLabel.A : PreferenceLabel.B;
      case TIE -> PreferenceLabel.TIE;
      case SKIP -> PreferenceLabel.SKIP;
      case BAD -> PreferenceLabel.BAD;
    };
  }
}
