package prefloop.rater.ensemble;

/**
 * How many preferences a group of K &gt; 2 images becomes. Generating the group is the expensive
 * part of the loop (docs/ALIGNMENT.md), so using more than its extreme pair is cheap signal.
 */
public enum GroupPairs {
  /** one: the best image (A) against the worst (B) */
  BEST_WORST,
  /**
   * K/2: the i-th best against the i-th worst for i &lt; K/2 by ensemble utility — the best–worst
   * pair first, then inwards; every image is in exactly one pair (for even K)
   */
  NESTED
}
