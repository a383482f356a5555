package prefloop.diffusion.bundle;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import prefloop.diffusion.model.PromptEncoder;

/**
 * A bundle's prompt encoder with the bundle's own tokenizer (CLIP's, for a diffusers bundle): the
 * prompt's token ids, truncated or padded to {@code maxLength}, through the bundle's TorchScript
 * encoder. The unconditional prompt is the tokenisation of "" (begin and end of text, then
 * padding), as diffusers encodes it, not a row of zeros. The encoder is frozen.
 */
final class HuggingFacePromptEncoder implements PromptEncoder, AutoCloseable {

  private final HuggingFaceTokenizer tokenizer;
  private final Block encoder;
  private final int length;

  HuggingFacePromptEncoder(Path file, int length, Block encoder) throws IOException {
    this.tokenizer =
        HuggingFaceTokenizer.builder()
            .optTokenizerPath(file)
            .optMaxLength(length)
            .optPadToMaxLength()
            .optTruncation(true)
            .build();
    this.encoder = encoder;
    this.length = length;
  }

  /** Token ids [L] of {@code prompt}. */
  long[] ids(String prompt) {
    Encoding encoding = tokenizer.encode(prompt == null ? "" : prompt.strip());
    long[] ids = encoding.getIds();
    if (ids.length != length) {
      throw new IllegalStateException(
          "the tokenizer gave " + ids.length + " ids, not " + length + ": check its padding");
    }
    return ids;
  }

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

  @Override
  public void close() {
    tokenizer.close();
  }
}
