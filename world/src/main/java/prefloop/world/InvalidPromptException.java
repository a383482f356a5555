package prefloop.world;

/** A prompt whose words are all known but whose structure the grammar does not accept. */
public class InvalidPromptException extends PromptException {
  private static final long serialVersionUID = 1L;

  public InvalidPromptException(String message) {
    super(message);
  }
}
