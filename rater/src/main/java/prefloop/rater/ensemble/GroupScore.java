package prefloop.rater.ensemble;

/**
 * An ensemble's view of a group of K ≥ 2 images of one prompt, reduced to the pair it is judged by:
 * for K = 2 the two images as given (A = image 0), for K &gt; 2 the {@link BestWorst best and the
 * worst} (A = best). The pair's margin is then {@code utility[a] − utility[b]}, ≥ 0 for K &gt; 2.
 *
 * @param a index in the group of the image that becomes A
 * @param b index in the group of the image that becomes B
 * @param utility per image: u_i = Σ_m w_m s_m(i) / scale_m over the weighted models
 * @param pair the scores, margin and dominance of A = images[a] against B = images[b]
 */
public record GroupScore(int a, int b, double[] utility, PairScore pair) {

  /** K, the number of images scored. */
  public int size() {
    return utility.length;
  }
}
