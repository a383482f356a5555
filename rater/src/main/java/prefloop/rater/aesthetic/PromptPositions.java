package prefloop.rater.aesthetic;

import java.util.Optional;
import prefloop.diffusion.world.Position;
import prefloop.diffusion.world.PromptException;
import prefloop.diffusion.world.PromptGrammar;

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
