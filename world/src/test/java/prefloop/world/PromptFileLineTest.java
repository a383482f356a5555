package prefloop.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptFileLineTest {

  @Test
  void blankAndCommentLinesAreSkippedAndLinesKeepTheirNumbers(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("prompts.txt");
    Files.writeString(
        file,
        "# a comment\n\n  a red circle  \n\t\n# another\nzwei Kreise\n",
        StandardCharsets.UTF_8);

    assertThat(PromptFileLine.read(file))
        .containsExactly(
            new PromptFileLine(3, "a red circle"), new PromptFileLine(6, "zwei Kreise"));
  }

  @Test
  void aFileOfCommentsHoldsNoLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("empty.txt");
    Files.writeString(file, "# only\n\n", StandardCharsets.UTF_8);

    assertThat(PromptFileLine.read(file)).isEmpty();
  }
}
