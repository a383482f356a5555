package prefloop.diffusion.bundle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import prefloop.diffusion.model.PromptEncoder;

/**
 * A bundle's prompt encoder: a tokenisation into L ids per prompt, then the bundle's frozen
 * TorchScript encoder, which returns the condition. Subclasses say how text becomes ids.
 */
abstract class TokenIdPromptEncoder implements PromptEncoder {

  private final Block encoder;
  private final int length;

  TokenIdPromptEncoder(Block encoder, int length) {
    this.encoder = encoder;
    this.length = length;
  }

  /** Token ids [L] of {@code prompt}. */
  abstract long[] ids(String prompt);

  /** L, the ids per prompt. */
  int length() {
    return length;
  }

  /** Rejects only what no text encoder can take: a prompt containing control characters. */
  @Override
  public void validate(String prompt) {
    BytePromptEncoder.check(prompt);
  }

  @Override
  public NDArray encode(NDManager manager, List<String> prompts) {
    long[] flat = new long[prompts.size() * length];
    for (int i = 0; i < prompts.size(); i++) {
      System.arraycopy(ids(prompts.get(i)), 0, flat, i * length, length);
    }
    NDArray ids = manager.create(flat, new Shape(prompts.size(), length));
    NDList out = encoder.forward(new ParameterStore(manager, false), new NDList(ids), false);
    return out.singletonOrThrow().stopGradient();
  }
}
