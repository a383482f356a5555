package prefloop.diffusion.bundle;

import ai.djl.nn.Block;
import java.nio.charset.StandardCharsets;

/**
 * A bundle's prompt encoder over UTF-8 bytes (id = byte + 1, 0 = padding, the first L bytes). Any
 * text is accepted, as real text encoders accept it (CLIP truncates at 77 tokens); a blank prompt
 * is all padding, the unconditional branch of guidance.
 */
final class BytePromptEncoder extends TokenIdPromptEncoder {

  BytePromptEncoder(Block encoder, int length) {
    super(encoder, length);
  }

  /** Token ids [L] of {@code prompt}: its first L UTF-8 bytes + 1, then zeros. */
  @Override
  long[] ids(String prompt) {
    long[] ids = new long[length()];
    if (prompt == null || prompt.isBlank()) {
      return ids;
    }
    byte[] bytes = prompt.strip().getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < Math.min(length(), bytes.length); i++) {
      ids[i] = (bytes[i] & 0xff) + 1;
    }
    return ids;
  }

  /** Rejects only what no text encoder can take: a prompt containing control characters. */
  static void check(String prompt) {
    if (prompt != null && prompt.chars().anyMatch(c -> Character.isISOControl(c) && c != ' ')) {
      throw new IllegalArgumentException(
          "the prompt contains control characters: remove line breaks, tabs and the like");
    }
  }
}
