package prefloop.generator.prompt;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import prefloop.world.PromptException;
import prefloop.world.PromptGrammar;

/**
 * Checks prompt text before it reaches a model: at most {@value #MAX_LENGTH} characters, then the
 * model's own rules. For the toy UNet these are the world's grammar (every word in its vocabulary,
 * in the grammar's order); a bundle's encoder takes free text. Returns the canonical text.
 * Thread-safe.
 */
public final class PromptValidator {
  public static final int MAX_LENGTH = 200;

  private final UnaryOperator<String> rules;

  /** The toy UNet's rules: the canonical text is the grammar's. */
  public PromptValidator(PromptGrammar grammar) {
    this.rules = text -> grammar.parse(text).text();
  }

  private PromptValidator(UnaryOperator<String> rules) {
    this.rules = rules;
  }

  /**
   * Free text that {@code check} accepts (it throws an IllegalArgumentException otherwise); the
   * canonical text is the stripped prompt.
   */
  public static PromptValidator freeText(Consumer<String> check) {
    return new PromptValidator(
        text -> {
          try {
            check.accept(text);
          } catch (IllegalArgumentException e) {
            throw new PromptException(e.getMessage());
          }
          return text.strip();
        });
  }

  /**
   * The canonical text of {@code text}.
   *
   * @throws PromptException (an IllegalArgumentException) saying what is wrong: empty, too long, or
   *     against the model's rules (for the toy UNet: unknown words, listing the vocabulary, or
   *     words out of the grammar's order)
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
    return rules.apply(text);
  }
}
