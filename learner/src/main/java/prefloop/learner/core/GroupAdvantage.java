package prefloop.learner.core;

/**
 * DPOK's advantages of a pair's two images: A = r − b, where r is an image's scalar reward and b
 * the per-prompt baseline, the mean reward of every image the prompt was sampled with (the pair, or
 * the group the rater chose it from). The baseline is not divided by the group's spread: for a pair
 * that would make every advantage ±1 and throw away how much better the winner is.
 *
 * <p>Without rewards (a person's label, or a preference written before rewards were carried) the
 * label is the reward, 1 for the winner and 0 for the loser: A = +½ and −½ ({@link #FROM_LABEL}).
 *
 * @param winner the preferred image's advantage
 * @param loser the other image's advantage
 */
public record GroupAdvantage(double winner, double loser) {

  /** The advantages a label alone gives: reward 1 and 0 around their mean. */
  public static final GroupAdvantage FROM_LABEL = new GroupAdvantage(0.5, -0.5);

  public GroupAdvantage {
    if (!Double.isFinite(winner) || !Double.isFinite(loser)) {
      throw new IllegalArgumentException(
          "advantages must be finite, got " + winner + " and " + loser);
    }
  }

  /**
   * The advantages of images {@code winnerIndex} and {@code loserIndex} of a group scored {@code
   * rewards}.
   */
  public static GroupAdvantage of(double[] rewards, int winnerIndex, int loserIndex) {
    if (rewards.length < 2) {
      throw new IllegalArgumentException(
          "a scored group needs at least 2 rewards, got " + rewards.length);
    }
    if (winnerIndex == loserIndex
        || Math.min(winnerIndex, loserIndex) < 0
        || Math.max(winnerIndex, loserIndex) >= rewards.length) {
      throw new IllegalArgumentException(
          "the judged images must be two different positions among "
              + rewards.length
              + " rewards, got "
              + winnerIndex
              + " and "
              + loserIndex);
    }
    double baseline = 0;
    for (double r : rewards) {
      if (!Double.isFinite(r)) {
        throw new IllegalArgumentException("a reward of the group is " + r);
      }
      baseline += r / rewards.length;
    }
    return new GroupAdvantage(rewards[winnerIndex] - baseline, rewards[loserIndex] - baseline);
  }
}
