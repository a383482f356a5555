package prefloop.rater.ensemble;

/**
 * Pareto dominance of image A over image B from the weighted models' scaled score differences d_m =
 * (s_m(A) − s_m(B)) / scale_m: A dominates when every d_m ≥ −ε and at least one d_m > ε, where ε is
 * the tie margin; B dominates the other way round; otherwise neither does.
 */
public final class ParetoDominance {
  private ParetoDominance() {}

  /**
   * @return +1 when A dominates, −1 when B dominates, 0 when neither does (or there are no models)
   */
  public static int of(double[] scaledDifferences, double tieMargin) {
    boolean aNeverWorse = true;
    boolean bNeverWorse = true;
    boolean aSomewhereBetter = false;
    boolean bSomewhereBetter = false;
    for (double d : scaledDifferences) {
      aNeverWorse &= d >= -tieMargin;
      bNeverWorse &= d <= tieMargin;
      aSomewhereBetter |= d > tieMargin;
      bSomewhereBetter |= d < -tieMargin;
    }
    if (aNeverWorse && aSomewhereBetter) {
      return 1;
    }
    return bNeverWorse && bSomewhereBetter ? -1 : 0;
  }
}
