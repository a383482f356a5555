package prefloop.rater.human;

import java.time.Instant;
import prefloop.schemas.avro.PreferenceLabel;

/**
 * One person's label of one pair, as recorded (pending until its undo window passes).
 *
 * @param confidence the probability that the label is right: the rater's accuracy as {@link
 *     HumanRatings} estimates it when the label is released for publishing (1 while pending)
 */
public record HumanLabel(
    String rater, HumanTask task, PreferenceLabel label, Instant at, double confidence) {

  /** The same label with {@code newConfidence}. */
  HumanLabel withConfidence(double newConfidence) {
    return new HumanLabel(rater, task, label, at, newConfidence);
  }
}
