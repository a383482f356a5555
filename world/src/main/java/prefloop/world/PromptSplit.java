package prefloop.world;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * A deterministic train / held-out split of the grammar's prompts: a prompt is held out when the
 * 64-bit FNV-1a hash of its UTF-8 text, modulo 1000, is below {@code heldOutPermille}. The split
 * depends only on the text, so it is the same in every process and version of the code.
 */
public final class PromptSplit {
  /** The default held-out share: 100‰ = 10%. */
  public static final int DEFAULT_HELD_OUT_PERMILLE = 100;

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private final int heldOutPermille;
  private final List<Prompt> train;
  private final List<Prompt> heldOut;

  public PromptSplit(PromptGrammar grammar) {
    this(grammar, DEFAULT_HELD_OUT_PERMILLE);
  }

  public PromptSplit(PromptGrammar grammar, int heldOutPermille) {
    if (heldOutPermille < 0 || heldOutPermille > 1000) {
      throw new IllegalArgumentException(
          "heldOutPermille must be in 0..1000, got " + heldOutPermille);
    }
    this.heldOutPermille = heldOutPermille;
    this.train = grammar.all().stream().filter(p -> !isHeldOut(p)).toList();
    this.heldOut = grammar.all().stream().filter(this::isHeldOut).toList();
  }

  /** Whether {@code prompt} belongs to the held-out set. */
  public boolean isHeldOut(Prompt prompt) {
    return Long.remainderUnsigned(fnv1a(prompt.text()), 1000) < heldOutPermille;
  }

  /** Training prompts, in grammar order. */
  public List<Prompt> train() {
    return train;
  }

  /** Held-out prompts, in grammar order; never used for training. */
  public List<Prompt> heldOut() {
    return heldOut;
  }

  /** A training prompt drawn uniformly with {@code random}. */
  public Prompt sampleTrain(Random random) {
    return train.get(random.nextInt(train.size()));
  }

  /** A held-out prompt drawn uniformly with {@code random}. */
  public Prompt sampleHeldOut(Random random) {
    return heldOut.get(random.nextInt(heldOut.size()));
  }

  /** 64-bit FNV-1a of the UTF-8 bytes of {@code text}. */
  static long fnv1a(String text) {
    long hash = FNV_OFFSET;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= FNV_PRIME;
    }
    return hash;
  }
}
