package prefloop.generator.prompt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import prefloop.world.PromptFileLine;

/** A file of prompts, one per line; blank lines and lines starting with '#' are skipped. */
public final class PromptFile {
  private PromptFile() {}

  /**
   * The canonical prompts of {@code file}, in order.
   *
   * @throws IllegalArgumentException naming the file and line of the first bad prompt, or when the
   *     file holds none
   */
  public static List<String> read(Path file, PromptValidator validator) {
    List<PromptFileLine> lines;
    try {
      lines = PromptFileLine.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prompts file " + file + ": " + e, e);
    }
    List<String> prompts = new ArrayList<>();
    for (PromptFileLine line : lines) {
      try {
        prompts.add(validator.canonical(line.text()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "prompts file " + file + " line " + line.number() + ": " + e.getMessage(), e);
      }
    }
    if (prompts.isEmpty()) {
      throw new IllegalArgumentException("prompts file " + file + " holds no prompt");
    }
    return List.copyOf(prompts);
  }
}
