package prefloop.diffusion.bundle;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A bundle's prompt encoder with the bundle's own tokenizer (CLIP's, for a diffusers bundle): the
 * prompt's token ids, truncated or padded to {@code maxLength}. The unconditional prompt is the
 * tokenisation of "" (begin and end of text, then padding), as diffusers encodes it, not a row of
 * zeros.
 */
final class HuggingFacePromptEncoder extends TokenIdPromptEncoder implements AutoCloseable {

  private final HuggingFaceTokenizer tokenizer;

  HuggingFacePromptEncoder(Path file, int length, Block encoder) throws IOException {
    super(encoder, length);
    this.tokenizer =
        HuggingFaceTokenizer.builder()
            .optTokenizerPath(file)
            .optMaxLength(length)
            .optPadToMaxLength()
            .optTruncation(true)
            .build();
  }

  @Override
  long[] ids(String prompt) {
    Encoding encoding = tokenizer.encode(prompt == null ? "" : prompt.strip());
    long[] ids = encoding.getIds();
    if (ids.length != length()) {
      throw new IllegalStateException(
          "the tokenizer gave " + ids.length + " ids, not " + length() + ": check its padding");
    }
    return ids;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
