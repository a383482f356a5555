package prefloop.generator;

import java.nio.file.Path;

/**
 * Where prompts come from and how often each source is drawn. At each draw a source is chosen among
 * those that have a prompt ready with probability ∝ its weight; the built-in sampler (the world's
 * training split) and the prompts file always have one, the topic and HTTP queues only when
 * something was requested.
 *
 * @param builtinWeight weight of the world's prompt sampler (training split only), in [0, 1000]
 * @param topicWeight weight of prompts from the {@code prompts} topic, in [0, 1000]
 * @param fileWeight weight of the prompts file (cycled), in [0, 1000]; needs {@code promptsFile}
 * @param httpWeight weight of prompts posted to {@code POST /prompts}, in [0, 1000]
 * @param promptsFile one prompt per line ('#' comments and blank lines skipped), or null
 * @param queueCapacity most requested (topic + HTTP) prompts waiting, in [1, 100000]
 */
public record PromptMix(
    double builtinWeight,
    double topicWeight,
    double fileWeight,
    double httpWeight,
    Path promptsFile,
    int queueCapacity) {

  public PromptMix {
    weight("prompts.builtinWeight", builtinWeight);
    weight("prompts.topicWeight", topicWeight);
    weight("prompts.fileWeight", fileWeight);
    weight("prompts.httpWeight", httpWeight);
    if (fileWeight > 0 && promptsFile == null) {
      throw new IllegalArgumentException(
          "prompts.fileWeight = " + fileWeight + " needs prompts.file (a file of prompts)");
    }
    if (builtinWeight + topicWeight + fileWeight + httpWeight == 0) {
      throw new IllegalArgumentException("prompts: at least one source weight must be > 0");
    }
    Checks.range("prompts.queueCapacity", queueCapacity, 1, 100_000);
  }

  /** Built-in prompts weight 1, requested prompts (topic, HTTP) weight 4 when present. */
  public static PromptMix defaults() {
    return new PromptMix(1, 4, 0, 4, null, 1000);
  }

  /** Same weights, plus a prompts file drawn with {@code weight}. */
  public PromptMix withFile(Path file, double weight) {
    return new PromptMix(builtinWeight, topicWeight, weight, httpWeight, file, queueCapacity);
  }

  /** Only requested prompts (topic, HTTP, file): the generator idles when none are waiting. */
  public PromptMix withoutBuiltin() {
    return new PromptMix(0, topicWeight, fileWeight, httpWeight, promptsFile, queueCapacity);
  }

  private static void weight(String key, double value) {
    if (!(value >= 0 && value <= 1000)) {
      throw new IllegalArgumentException(key + " = " + value + " must be in [0, 1000]");
    }
  }
}
