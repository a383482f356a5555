package prefloop.generator;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Every setting of {@link PromptMix} as command-line options: a picocli mixin. */
public final class PromptMixOptions {

  @Option(
      names = "--builtin-weight",
      defaultValue = "1",
      description = "Weight of the world's own training prompts (default: ${DEFAULT-VALUE}).")
  double builtinWeight;

  @Option(
      names = "--topic-weight",
      defaultValue = "4",
      description = "Weight of prompts from the prompts topic (default: ${DEFAULT-VALUE}).")
  double topicWeight;

  @Option(
      names = "--file-weight",
      defaultValue = "0",
      description = "Weight of --prompts-file, cycled (default: ${DEFAULT-VALUE}).")
  double fileWeight;

  @Option(
      names = "--http-weight",
      defaultValue = "4",
      description = "Weight of prompts posted to POST /prompts (default: ${DEFAULT-VALUE}).")
  double httpWeight;

  @Option(names = "--prompts-file", description = "One prompt per line.")
  Path promptsFile;

  @Option(
      names = "--prompt-queue",
      defaultValue = "1000",
      description = "Most requested prompts (topic + HTTP) waiting (default: ${DEFAULT-VALUE}).")
  int queueCapacity;

  /** The validated config of these options. */
  public PromptMix config() {
    return new PromptMix(
        builtinWeight, topicWeight, fileWeight, httpWeight, promptsFile, queueCapacity);
  }
}
