package prefloop.world;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A prompt line of a prompts file, with its 1-based line number for error messages. A prompts file
 * is UTF-8 text with one prompt per line; blank lines and lines starting with {@code #} are
 * skipped. What a valid prompt is, the reader of the file decides.
 */
public record PromptFileLine(int number, String text) {

  /** The prompt lines of {@code file}, stripped, in file order (empty when it holds none). */
  public static List<PromptFileLine> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<PromptFileLine> prompts = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        prompts.add(new PromptFileLine(i + 1, line));
      }
    }
    return List.copyOf(prompts);
  }
}
