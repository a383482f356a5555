package prefloop.world;

import java.util.List;

/** A prompt containing words outside the vocabulary; the message lists them and the vocabulary. */
public class UnknownWordException extends PromptException {
  private static final long serialVersionUID = 1L;

  private final List<String> unknownWords;

  public UnknownWordException(List<String> unknownWords, List<String> vocabulary) {
    super(
        "unknown word(s) "
            + unknownWords
            + "; the toy world's vocabulary is "
            + vocabulary
            + " (write prompts like 'a small red circle on a blue background, top left')");
    this.unknownWords = List.copyOf(unknownWords);
  }

  /** The words that are not in the vocabulary, in the order they appeared. */
  public List<String> unknownWords() {
    return unknownWords;
  }
}
