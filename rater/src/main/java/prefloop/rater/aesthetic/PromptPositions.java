package prefloop.rater.aesthetic;

import java.util.Optional;
import prefloop.world.Position;
import prefloop.world.PromptException;
import prefloop.world.PromptGrammar;

/** The position a prompt asks for, when the prompt is in the toy-world grammar. */
final class PromptPositions {
  private final PromptGrammar grammar = new PromptGrammar();

  Optional<Position> of(String prompt) {
    try {
      return Optional.of(grammar.parse(prompt).position());
    } catch (PromptException e) {
      return Optional.empty();
    }
  }
}
