package prefloop.generator.prompt;

/**
 * What a prompt's source hears about the pair sampled for it, so a source that must not lose
 * requests (the prompts topic) commits only once the pair is durable and retries when it is not.
 * Called from the sampling thread or a Kafka producer thread: implementations are quick and
 * thread-safe.
 */
public interface PromptReceipt {

  /** Kafka acknowledged the pair (or group) sampled for {@code prompt}. */
  void published(PromptCandidate prompt);

  /** The pair for {@code prompt} was not published: sampling, assembly or the send failed. */
  void failed(PromptCandidate prompt, Throwable error);

  /** The receipt of a prompt nobody waits on (built-in, file, HTTP). */
  static PromptReceipt none() {
    return NoReceipt.INSTANCE;
  }

  /** Ignores both outcomes; stateless. */
  enum NoReceipt implements PromptReceipt {
    INSTANCE;

    @Override
    public void published(PromptCandidate prompt) {}

    @Override
    public void failed(PromptCandidate prompt, Throwable error) {}
  }
}
