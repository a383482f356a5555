package prefloop.rater.quality;

/** Where gold pairs come from; the n-th pair depends only on n (and the source's own seed). */
@FunctionalInterface
public interface GoldPairs {
  /** The gold pair number {@code n}. */
  GoldPair make(long n);
}
