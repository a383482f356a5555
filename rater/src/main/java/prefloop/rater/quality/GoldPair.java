package prefloop.rater.quality;

import prefloop.schemas.avro.GeneratedPair;

/**
 * A pair whose answer is known, shown to people among the policy's pairs to measure them.
 *
 * @param pair the pair as the page shows it (never published, never trained on)
 * @param aBetter whether image A is the better one
 */
public record GoldPair(GeneratedPair pair, boolean aBetter) {}
