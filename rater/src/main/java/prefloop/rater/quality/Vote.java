package prefloop.rater.quality;

/**
 * One rater's decisive answer on one pair: whether image A is the better one. Ties, skips and "bad
 * pair" answers carry no vote.
 *
 * @param pairId the pair
 * @param raterId who answered
 * @param aBetter true for A, false for B
 */
public record Vote(String pairId, String raterId, boolean aBetter) {
  public Vote {
    if (pairId == null || pairId.isBlank() || raterId == null || raterId.isBlank()) {
      throw new IllegalArgumentException("a vote needs a pair id and a rater id");
    }
  }
}
