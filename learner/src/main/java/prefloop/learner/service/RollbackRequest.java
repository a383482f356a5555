package prefloop.learner.service;

/**
 * A request to undo training back to an earlier policy version (from a reward-hacking sentinel, or
 * a person): the learner restores that version's weights, reference, optimizer and trainer memory,
 * keeps reading where it is (nothing is trained twice), multiplies its learning rate by {@code
 * learningRateFactor} and β by {@code betaFactor}, and publishes the restored weights as a new
 * policy version, so generators switch back. With {@code pause} it then stops training (and
 * publishing) until {@code POST /control/resume}; the generators keep serving the restored version.
 *
 * @param toVersion the policy version to go back to, >= 0
 * @param learningRateFactor multiplier of the learning rate from then on, in (0, 1]
 * @param betaFactor multiplier of β from then on, in [1, 1000]; null (absent in JSON) means 1
 * @param pause whether training pauses after the rollback
 * @param reason why, for the log and the checkpoint
 */
public record RollbackRequest(
    long toVersion, double learningRateFactor, Double betaFactor, boolean pause, String reason) {

  public RollbackRequest {
    if (toVersion < 0) {
      throw new IllegalArgumentException("toVersion must be >= 0, was " + toVersion);
    }
    if (!(learningRateFactor > 0 && learningRateFactor <= 1)) {
      throw new IllegalArgumentException(
          "learningRateFactor must be in (0, 1], was " + learningRateFactor);
    }
    betaFactor = betaFactor == null ? 1.0 : betaFactor;
    if (!(betaFactor >= 1 && betaFactor <= 1000)) {
      throw new IllegalArgumentException(
          "betaFactor must be in [1, 1000] (a larger β keeps the policy nearer the reference), was "
              + betaFactor);
    }
    reason = reason == null || reason.isBlank() ? "no reason given" : reason;
  }

  /** Back to {@code toVersion} with the learning rate times {@code learningRateFactor}. */
  public RollbackRequest(long toVersion, double learningRateFactor, String reason) {
    this(toVersion, learningRateFactor, 1.0, false, reason);
  }

  /** The same request, to {@code version}. */
  RollbackRequest to(long version) {
    return new RollbackRequest(version, learningRateFactor, betaFactor, pause, reason);
  }
}
