package prefloop.learner.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import prefloop.learner.core.TimestepStrategyKind;

/** The documented positional command lines still parse, and a wrong one says what is wrong. */
class LearningCheckMainTest {

  @Test
  void theDocumentedCommandLineFillsEveryParameter() {
    LearningCheckMain main =
        parsed("models/base", "1000", "768", "8", "1000", "1e-4", "256", "PAPER", "0.1", "16");

    assertThat(main.base).isEqualTo(Path.of("models/base"));
    assertThat(main.steps).isEqualTo(1000);
    assertThat(main.poolPairs).isEqualTo(768);
    assertThat(main.batch).isEqualTo(8);
    assertThat(main.beta).isEqualTo(1000);
    assertThat(main.lr).isEqualTo(1e-4);
    assertThat(main.evalImages).isEqualTo(256);
    assertThat(main.kind).isEqualTo(TimestepStrategyKind.PAPER);
    assertThat(main.alpha).isEqualTo(0.1);
    assertThat(main.tau).isEqualTo(16);
  }

  @Test
  void omittedParametersTakeTheirDefaults() {
    LearningCheckMain main = parsed("models/base");

    assertThat(main.steps).isEqualTo(300);
    assertThat(main.beta).isEqualTo(5000);
    assertThat(main.groupSize).as("two seeds per prompt").isEqualTo(2);
    assertThat(main.kind).isEqualTo(TimestepStrategyKind.UNIFORM);
  }

  @Test
  void aGroupSizeBelowTwoIsRefused() {
    assertThat(usageError("models/base", "--group-size", "1"))
        .contains("--group-size must be >= 2");
  }

  @Test
  void aMissingBaseIsAUsageErrorNotAStackTrace() {
    assertThat(usageError()).contains("Missing required parameter: 'BASE'");
  }

  private static LearningCheckMain parsed(String... args) {
    LearningCheckMain main = new LearningCheckMain();
    new CommandLine(main).parseArgs(args);
    return main;
  }

  /** Runs the command on {@code args}, asserts it ends as a usage error (2) and returns stderr. */
  private static String usageError(String... args) {
    StringWriter err = new StringWriter();
    int code = new CommandLine(new LearningCheckMain()).setErr(new PrintWriter(err)).execute(args);

    assertThat(code).isEqualTo(2);
    return err.toString();
  }
}
