package prefloop.rater.ensemble;

import prefloop.schemas.avro.PreferenceLabel;

/**
 * A labeller's decision on one pair.
 *
 * @param label A, B or TIE
 * @param probabilityA the model's P(A ≻ B)
 * @param confidence max(p, 1 − p): how sure the labeller is of the more likely outcome
 */
public record Judgement(PreferenceLabel label, double probabilityA, double confidence) {}
