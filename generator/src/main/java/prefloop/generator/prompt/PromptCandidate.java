package prefloop.generator.prompt;

/**
 * A validated prompt waiting to be sampled.
 *
 * @param id the PromptRequest id ("" when the generator chose the prompt itself)
 * @param text canonical prompt text (as the grammar writes it)
 * @param origin where it came from
 * @param priority higher is served first among requested prompts
 */
public record PromptCandidate(String id, String text, PromptOrigin origin, int priority) {

  public PromptCandidate {
    if (id == null || text == null || origin == null) {
      throw new IllegalArgumentException("PromptCandidate needs id, text and origin");
    }
  }

  /** A prompt the generator chose (built-in sampler or file): no request id. */
  public static PromptCandidate chosen(String text, PromptOrigin origin) {
    return new PromptCandidate("", text, origin, 0);
  }
}
