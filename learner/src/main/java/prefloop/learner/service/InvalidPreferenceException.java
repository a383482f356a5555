package prefloop.learner.service;

/** A decodable preference the learner cannot train on; it goes to the dead-letter topic. */
public class InvalidPreferenceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidPreferenceException(String message) {
    super(message);
  }

  public InvalidPreferenceException(String message, Throwable cause) {
    super(message, cause);
  }
}
