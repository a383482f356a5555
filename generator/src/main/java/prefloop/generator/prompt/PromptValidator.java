package prefloop.generator.prompt;

import prefloop.world.PromptException;
import prefloop.world.PromptGrammar;

/**
 * Checks prompt text before it reaches a model: at most {@value #MAX_LENGTH} characters, every word
 * in the world's vocabulary, in the grammar's order. Returns the canonical text. Thread-safe.
 */
public final class PromptValidator {
  public static final int MAX_LENGTH = 200;

  private final PromptGrammar grammar;

  public PromptValidator(PromptGrammar grammar) {
    this.grammar = grammar;
  }

  /**
   * The canonical text of {@code text}.
   *
   * @throws PromptException (an IllegalArgumentException) saying what is wrong: empty, too long,
   *     unknown words (listing the vocabulary) or words out of the grammar's order
   */
  public String canonical(String text) {
    if (text == null || text.isBlank()) {
      throw new PromptException(
          "the prompt is empty; write one like 'a small red circle on a blue background, top left'");
    }
    if (text.length() > MAX_LENGTH) {
      throw new PromptException(
          "the prompt is " + text.length() + " characters long; at most " + MAX_LENGTH);
    }
    return grammar.parse(text).text();
  }
}
