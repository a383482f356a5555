package prefloop.rater.ensemble;

import java.util.Arrays;
import java.util.List;
import prefloop.schemas.avro.ScoredGroup;

/**
 * An ensemble's view of a group of K ≥ 2 images of one prompt, reduced to the pair it is judged by:
 * for K = 2 the two images as given (A = image 0), for K &gt; 2 the {@link BestWorst best and the
 * worst} (A = best). The pair's margin is then {@code utility[a] − utility[b]}, ≥ 0 for K &gt; 2.
 *
 * @param a index in the group of the image that becomes A
 * @param b index in the group of the image that becomes B
 * @param utility per image: u_i = Σ_m w_m s_m(i) / scale_m over the weighted models
 * @param pair the scores, margin and dominance of A = images[a] against B = images[b]
 * @param inner for K ≥ 4, the pairs inside the best–worst one: the i-th best (A) against the i-th
 *     worst (B) for 1 ≤ i &lt; K/2 (empty for K &lt; 4)
 */
public record GroupScore(int a, int b, double[] utility, PairScore pair, List<RankedPair> inner) {

  /** One of the inner pairs: images[a] (better by utility) against images[b]. */
  public record RankedPair(int a, int b, PairScore pair) {}

  public GroupScore {
    inner = List.copyOf(inner);
  }

  /** A pair or a group judged by its best and worst image only. */
  public GroupScore(int a, int b, double[] utility, PairScore pair) {
    this(a, b, utility, pair, List.of());
  }

  /**
   * Every image's utility as the scalar reward a preference carries, with the positions of its
   * judged A and B among them: {@code (a(), b())} for the best–worst pair, an inner pair's own.
   */
  public ScoredGroup rewards(int judgedA, int judgedB) {
    return new ScoredGroup(Arrays.stream(utility).boxed().toList(), judgedA, judgedB);
  }

  /** K, the number of images scored. */
  public int size() {
    return utility.length;
  }
}
