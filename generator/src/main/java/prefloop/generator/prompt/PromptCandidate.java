package prefloop.generator.prompt;

/**
 * A validated prompt waiting to be sampled.
 *
 * @param id the PromptRequest id ("" when the generator chose the prompt itself)
 * @param text canonical prompt text (as the grammar writes it)
 * @param origin where it came from
 * @param priority higher is served first among requested prompts
 * @param receipt told when the prompt's pair is published or fails (commits topic offsets)
 */
public record PromptCandidate(
    String id, String text, PromptOrigin origin, int priority, PromptReceipt receipt) {

  public PromptCandidate {
    if (id == null || text == null || origin == null || receipt == null) {
      throw new IllegalArgumentException("PromptCandidate needs id, text, origin and receipt");
    }
  }

  /** A prompt whose source needs no receipt. */
  public PromptCandidate(String id, String text, PromptOrigin origin, int priority) {
    this(id, text, origin, priority, PromptReceipt.none());
  }

  /** A prompt the generator chose (built-in sampler or file): no request id. */
  public static PromptCandidate chosen(String text, PromptOrigin origin) {
    return new PromptCandidate("", text, origin, 0);
  }

  /** Tells the source that the pair of this prompt is acknowledged. */
  public void published() {
    receipt.published(this);
  }

  /** Tells the source that the pair of this prompt was not published. */
  public void failed(Throwable error) {
    receipt.failed(this, error);
  }
}
