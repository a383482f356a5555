package prefloop.rater.ensemble;

/**
 * The best and the worst image of a group by ensemble utility, the pair a group of K &gt; 2 images
 * is judged by (A = best, B = worst). Ties are broken by position so a redelivered group gets the
 * same pair: the best is the <em>first</em> image of largest utility, the worst the <em>last</em>
 * of smallest; when all are equal that is the first and the last image, so the two always differ.
 *
 * @param best index of the image of largest utility
 * @param worst index of the image of smallest utility, ≠ best
 */
public record BestWorst(int best, int worst) {

  public BestWorst {
    if (best < 0 || worst < 0 || best == worst) {
      throw new IllegalArgumentException(
          "best (" + best + ") and worst (" + worst + ") must be two different indices");
    }
  }

  /**
   * @param utility one finite utility per image, at least two
   */
  public static BestWorst of(double[] utility) {
    if (utility.length < 2) {
      throw new IllegalArgumentException("a group needs at least 2 images, got " + utility.length);
    }
    int best = 0;
    int worst = utility.length - 1;
    for (int i = 0; i < utility.length; i++) {
      if (!Double.isFinite(utility[i])) {
        throw new IllegalArgumentException("utility of image " + i + " is " + utility[i]);
      }
      if (utility[i] > utility[best]) {
        best = i;
      }
      int fromEnd = utility.length - 1 - i;
      if (utility[fromEnd] < utility[worst]) {
        worst = fromEnd;
      }
    }
    return new BestWorst(best, worst);
  }
}
