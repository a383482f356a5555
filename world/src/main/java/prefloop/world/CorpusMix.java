package prefloop.world;

/**
 * Proportions of the mixed-quality pretraining corpus: a sample is clean with probability {@code
 * clean}, has one degradation with {@code one}, two distinct ones with {@code two}; degradations
 * are drawn uniformly from {@link Degradation}.
 *
 * @param clean share of clean renders, in [0,1]
 * @param one share with one degradation, in [0,1]
 * @param two share with two degradations, in [0,1]; the three must sum to 1
 */
public record CorpusMix(double clean, double one, double two) {
  public CorpusMix {
    check("clean", clean);
    check("one", one);
    check("two", two);
    if (Math.abs(clean + one + two - 1) > 1e-9) {
      throw new IllegalArgumentException(
          "corpus mix clean + one + two must sum to 1, got " + (clean + one + two));
    }
  }

  /**
   * 45% clean, 35% one degradation, 20% two: more than half the corpus is flawed, so a model that
   * imitates it is plausible but clearly improvable, while clean renders remain the single largest
   * mode.
   */
  public static CorpusMix defaults() {
    return new CorpusMix(0.45, 0.35, 0.20);
  }

  private static void check(String key, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException("corpus mix '" + key + "' must be in [0,1], got " + v);
    }
  }
}
