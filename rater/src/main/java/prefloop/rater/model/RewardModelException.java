package prefloop.rater.model;

/** A reward model could not score a batch; the pair is dead-lettered with this message. */
public class RewardModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RewardModelException(String message) {
    super(message);
  }

  public RewardModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
