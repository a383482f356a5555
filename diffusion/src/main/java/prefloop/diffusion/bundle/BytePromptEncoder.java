package prefloop.diffusion.bundle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import prefloop.diffusion.model.PromptEncoder;

/**
 * A bundle's prompt encoder: the prompt's UTF-8 bytes (id = byte + 1, 0 = padding, the first L
 * bytes) through the bundle's TorchScript encoder, which returns the condition [N, D]. Any text is
 * accepted, as real text encoders accept it (CLIP truncates at 77 tokens); a blank prompt is all
 * padding, the unconditional branch of guidance. The encoder is frozen.
 */
final class BytePromptEncoder implements PromptEncoder {

  private final Block encoder;
  private final int length;

  BytePromptEncoder(Block encoder, int length) {
    this.encoder = encoder;
    this.length = length;
  }

  /** Token ids [L] of {@code prompt}: its first L UTF-8 bytes + 1, then zeros. */
  long[] ids(String prompt) {
    long[] ids = new long[length];
    if (prompt == null || prompt.isBlank()) {
      return ids;
    }
    byte[] bytes = prompt.strip().getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < Math.min(length, bytes.length); i++) {
      ids[i] = (bytes[i] & 0xff) + 1;
    }
    return ids;
  }

  @Override
  public void validate(String prompt) {
    check(prompt);
  }

  /** Rejects only what no text encoder can take: a prompt containing control characters. */
  static void check(String prompt) {
    if (prompt != null && prompt.chars().anyMatch(c -> Character.isISOControl(c) && c != ' ')) {
      throw new IllegalArgumentException(
          "the prompt contains control characters: remove line breaks, tabs and the like");
    }
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
