package prefloop.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code eval --prompts-file FILE --first-seed N}: which items a run samples, and bad files. */
class EvalCommandTest {
  private static final String RED_CIRCLE = "a small red circle on a blue background, top left";
  private static final String GREEN_SQUARE = "a large green square on a white background, centre";

  @TempDir Path dir;

  @Test
  void aPromptsFileGivesExactlyItsPromptsInFileOrderTimesSeedsFromTheFirstSeed() throws Exception {
    // given
    Path file = write("prompts.txt", GREEN_SQUARE, RED_CIRCLE);

    // when
    EvalSettings settings =
        parse("--prompts-file", file.toString(), "--seeds-per-prompt", "3", "--first-seed", "500")
            .settings();
    EvalPromptSet set = new EvalPromptSet(settings);

    // then
    assertThat(settings.prompts()).isEqualTo(2);
    assertThat(set.texts())
        .containsExactly(
            GREEN_SQUARE, GREEN_SQUARE, GREEN_SQUARE, RED_CIRCLE, RED_CIRCLE, RED_CIRCLE);
    assertThat(set.seeds()).containsExactly(500, 501, 502, 503, 504, 505);
    assertThat(set.groups()).hasSize(2);
    assertThat(set.groups().get(1)).containsExactly(3, 4, 5);
  }

  @Test
  void commentsAndBlankLinesAreSkippedAndTextIsCaseAndSpaceTolerant() throws Exception {
    Path file =
        write(
            "prompts.txt",
            "# evaluation prompts for the colour study",
            "",
            "   ",
            "  A Small Red Circle on a blue background ,  top left  ",
            "   # an indented comment",
            GREEN_SQUARE);

    List<String> texts =
        EvalPromptSet.readPromptsFile(file).stream().map(prefloop.world.Prompt::text).toList();

    assertThat(texts).containsExactly(RED_CIRCLE, GREEN_SQUARE);
  }

  @Test
  void aLineTheGrammarRejectsIsReportedWithFileLineNumberAndReason() throws Exception {
    Path file = write("bad.txt", "# header", RED_CIRCLE, "a small magenta dragon on a blue sky");

    assertThatThrownBy(() -> EvalPromptSet.readPromptsFile(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file + ":3: ")
        .hasMessageContaining("a small magenta dragon on a blue sky")
        .hasMessageContaining("unknown word(s) [magenta, dragon, sky]");
    assertThatThrownBy(() -> parse("--prompts-file", file.toString()).settings())
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining(file + ":3: ");
  }

  @Test
  void wellFormedWordsInTheWrongOrderOrTheSameColourTwiceAreRejectedToo() throws Exception {
    Path order = write("order.txt", "a red small circle on a blue background, top left");
    Path same = write("same.txt", RED_CIRCLE, "a small red circle on a red background, top left");

    assertThatThrownBy(() -> EvalPromptSet.readPromptsFile(order))
        .hasMessageStartingWith(order + ":1: ");
    assertThatThrownBy(() -> EvalPromptSet.readPromptsFile(same))
        .hasMessageStartingWith(same + ":2: ")
        .hasMessageContaining("must differ");
  }

  @Test
  void aFileWithoutPromptsAndPromptsTogetherWithAFileAreRejected() throws Exception {
    Path empty = write("empty.txt", "# nothing here", "");

    assertThatThrownBy(() -> EvalPromptSet.readPromptsFile(empty))
        .hasMessageContaining(empty + ": no prompts");
    Path file = write("prompts.txt", RED_CIRCLE);
    assertThatThrownBy(() -> parse("--prompts-file", file.toString(), "--prompts", "4").settings())
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("exclude each other");
  }

  @Test
  void withoutAFileTheHeldOutSplitIsUsedFromTheGivenFirstSeed() {
    EvalSettings settings =
        parse("--prompts", "3", "--seeds-per-prompt", "2", "--first-seed", "7").settings();

    EvalPromptSet set = new EvalPromptSet(settings);

    assertThat(settings.hasFixedPrompts()).isFalse();
    assertThat(set.seeds()).containsExactly(7, 8, 9, 10, 11, 12);
    assertThat(new EvalPromptSet(EvalSettings.defaults().withSize(3, 2)).texts())
        .isEqualTo(set.texts());
    assertThat(EvalSettings.defaults().firstSeed()).isEqualTo(1_000_000L);
  }

  private static EvalCommand parse(String... args) {
    EvalCommand command = new EvalCommand();
    String[] all = new String[args.length + 2];
    all[0] = "--checkpoint";
    all[1] = "base=models/base";
    System.arraycopy(args, 0, all, 2, args.length);
    new CommandLine(command).parseArgs(all);
    return command;
  }

  private Path write(String name, String... lines) throws Exception {
    return Files.write(dir.resolve(name), List.of(lines));
  }
}
