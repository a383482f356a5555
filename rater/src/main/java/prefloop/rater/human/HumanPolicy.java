package prefloop.rater.human;

/**
 * Which pairs reach the human rating page, and what the people rating are shown.
 *
 * @param mode NONE, FRACTION (each pair with probability {@code fraction}, decided from its id) or
 *     UNCERTAIN (the {@code capacity} pairs with the smallest ensemble margin |Δ| seen so far)
 * @param fraction in [0, 1], used by FRACTION
 * @param capacity pairs kept for humans at most, in [1, 100000]; the oldest (FRACTION) or the most
 *     certain (UNCERTAIN) are dropped beyond it
 * @param goldRate share of the pairs served to a person that are gold pairs (answer known, never
 *     published), in [0, 0.5]
 * @param overlap a pair leaves the page once this many people labelled it, in [1, 100]
 * @param overlapConfidence ... or earlier, once two people labelled it and the combined label is
 *     this sure (Dawid–Skene posterior, the models' vote included), in [0.5, 1]; 1 turns the early
 *     exit off
 * @param showGoldScore whether the page shows each person their own score on gold pairs
 */
public record HumanPolicy(
    Mode mode,
    double fraction,
    int capacity,
    double goldRate,
    int overlap,
    double overlapConfidence,
    boolean showGoldScore) {
  /** The default share of gold pairs: one served pair in 20. */
  public static final double DEFAULT_GOLD_RATE = 0.05;

  /** The default overlap: at most three people per pair ... */
  public static final int DEFAULT_OVERLAP = 3;

  /** ... fewer once the combined label is 95 % sure. */
  public static final double DEFAULT_OVERLAP_CONFIDENCE = 0.95;

  public enum Mode {
    NONE,
    FRACTION,
    UNCERTAIN
  }

  public HumanPolicy {
    if (mode == null) {
      throw new IllegalArgumentException(
          "human policy mode must be one of none, fraction, uncertain");
    }
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("human fraction must be in [0, 1], was " + fraction);
    }
    if (capacity < 1 || capacity > 100_000) {
      throw new IllegalArgumentException("human capacity must be in [1, 100000], was " + capacity);
    }
    if (!(goldRate >= 0 && goldRate <= 0.5)) {
      throw new IllegalArgumentException("gold rate must be in [0, 0.5], was " + goldRate);
    }
    if (overlap < 1 || overlap > 100) {
      throw new IllegalArgumentException("human overlap must be in [1, 100], was " + overlap);
    }
    if (!(overlapConfidence >= 0.5 && overlapConfidence <= 1)) {
      throw new IllegalArgumentException(
          "overlap confidence must be in [0.5, 1], was " + overlapConfidence);
    }
  }

  /** A policy with the default gold rate and overlap. */
  public HumanPolicy(Mode mode, double fraction, int capacity) {
    this(mode, fraction, capacity, DEFAULT_GOLD_RATE);
  }

  /** A policy with the default overlap. */
  public HumanPolicy(Mode mode, double fraction, int capacity, double goldRate) {
    this(mode, fraction, capacity, goldRate, DEFAULT_OVERLAP, DEFAULT_OVERLAP_CONFIDENCE, false);
  }

  /** 10% of pairs, at most 500 waiting, 5 % gold, up to 3 people per pair. */
  public static HumanPolicy defaults() {
    return new HumanPolicy(Mode.FRACTION, 0.1, 500);
  }
}
