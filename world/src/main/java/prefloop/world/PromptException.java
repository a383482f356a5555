package prefloop.world;

/** A prompt that the toy world's grammar cannot accept. */
public class PromptException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public PromptException(String message) {
    super(message);
  }
}
