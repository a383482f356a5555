package prefloop.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import prefloop.world.PromptTokenizer;

/** The toy model's prompt encoder: token ids [N, L] (INT32) of the toy grammar. */
public final class GrammarPromptEncoder implements PromptEncoder {

  private final PromptTokenizer tokenizer;

  public GrammarPromptEncoder(PromptTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** Throws a {@link prefloop.world.PromptException} for words outside the grammar. */
  @Override
  public void validate(String prompt) {
    tokenizer.encode(prompt);
  }

  @Override
  public NDArray encode(NDManager manager, List<String> prompts) {
    int length = tokenizer.maxLength();
    int[] flat = new int[prompts.size() * length];
    for (int i = 0; i < prompts.size(); i++) {
      System.arraycopy(tokenizer.encode(prompts.get(i)), 0, flat, i * length, length);
    }
    return manager.create(flat, new Shape(prompts.size(), length));
  }
}
