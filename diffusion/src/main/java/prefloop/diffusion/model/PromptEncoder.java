package prefloop.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;

/** Turns prompts into a model's condition tensor. Each model brings its own; none has a grammar. */
public interface PromptEncoder {

  /**
   * Throws an {@link IllegalArgumentException} that says what is wrong when the model cannot take
   * {@code prompt}; returns normally otherwise. A blank prompt is always accepted (unconditional).
   */
  void validate(String prompt);

  /**
   * The condition of {@code prompts} [N, ...] in {@code manager}; a blank prompt = unconditional.
   */
  NDArray encode(NDManager manager, List<String> prompts);
}
