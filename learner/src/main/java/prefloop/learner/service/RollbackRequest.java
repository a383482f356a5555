package prefloop.learner.service;

/**
 * A request to undo training back to an earlier policy version (from a reward-hacking sentinel, or
 * a person): the learner restores that version's weights, reference, optimizer and trainer memory,
 * keeps reading where it is (nothing is trained twice), multiplies its learning rate by {@code
 * learningRateFactor}, and publishes the restored weights as a new policy version, so generators
 * switch back.
 *
 * @param toVersion the policy version to go back to, >= 0
 * @param learningRateFactor multiplier of the learning rate from then on, in (0, 1]
 * @param reason why, for the log and the checkpoint
 */
public record RollbackRequest(long toVersion, double learningRateFactor, String reason) {

  public RollbackRequest {
    if (toVersion < 0) {
      throw new IllegalArgumentException("toVersion must be >= 0, was " + toVersion);
    }
    if (!(learningRateFactor > 0 && learningRateFactor <= 1)) {
      throw new IllegalArgumentException(
          "learningRateFactor must be in (0, 1], was " + learningRateFactor);
    }
    reason = reason == null || reason.isBlank() ? "no reason given" : reason;
  }
}
