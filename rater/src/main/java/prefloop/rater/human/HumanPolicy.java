package prefloop.rater.human;

/**
 * Which pairs reach the human rating page.
 *
 * @param mode NONE, FRACTION (each pair with probability {@code fraction}, decided from its id) or
 *     UNCERTAIN (the {@code capacity} pairs with the smallest ensemble margin |Δ| seen so far)
 * @param fraction in [0, 1], used by FRACTION
 * @param capacity pairs kept for humans at most, in [1, 100000]; the oldest (FRACTION) or the most
 *     certain (UNCERTAIN) are dropped beyond it
 * @param goldRate share of the pairs served to a person that are gold pairs (answer known, never
 *     published), in [0, 0.5]
 */
public record HumanPolicy(Mode mode, double fraction, int capacity, double goldRate) {
  /** The default share of gold pairs: one served pair in 20. */
  public static final double DEFAULT_GOLD_RATE = 0.05;

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
  }

  /** A policy with the default gold rate. */
  public HumanPolicy(Mode mode, double fraction, int capacity) {
    this(mode, fraction, capacity, DEFAULT_GOLD_RATE);
  }

  /** 10% of pairs, at most 500 waiting, 5 % gold. */
  public static HumanPolicy defaults() {
    return new HumanPolicy(Mode.FRACTION, 0.1, 500);
  }
}
