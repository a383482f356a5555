package prefloop.rater.kafka;

/** A JSON preference we will not forward; the message names the field and what is allowed. */
public class InvalidPreferenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidPreferenceException(String message) {
    super(message);
  }
}
