package prefloop.rater.human;

import java.time.Instant;
import prefloop.schemas.avro.PreferenceLabel;

/** One person's label of one pair, as recorded (pending until its undo window passes). */
public record HumanLabel(String rater, HumanTask task, PreferenceLabel label, Instant at) {}
