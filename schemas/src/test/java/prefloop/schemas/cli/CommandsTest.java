package prefloop.schemas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CommandsTest {

  enum Mode {
    OFFLINE,
    ONLINE
  }

  @Command(name = "sample", description = "A command that declares no help option itself.")
  static final class Sample implements Callable<Integer> {
    @Option(names = "--mode")
    Mode mode = Mode.OFFLINE;

    @Override
    public Integer call() {
      return mode.ordinal() + 10;
    }
  }

  @Test
  void helpIsAddedAndPrintsTheUsage() {
    StringWriter out = new StringWriter();
    CommandLine line = Commands.line(new Sample()).setOut(new PrintWriter(out));

    assertThat(line.execute("--help")).isZero();
    assertThat(out.toString())
        .contains("Usage: sample", "--mode", "-h, --help", "-V, --version")
        .contains("A command that declares no help option itself.");
  }

  @Command(name = "top", subcommands = Sample.class)
  static final class Top implements Runnable {
    @Override
    public void run() {}
  }

  @Test
  void subcommandsGetHelpToo() {
    StringWriter out = new StringWriter();
    CommandLine line = Commands.line(new Top()).setOut(new PrintWriter(out));

    assertThat(line.execute("sample", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: top sample", "--mode", "-h, --help");
  }

  @Test
  void enumValuesAreReadInAnyCase() {
    assertThat(Commands.line(new Sample()).execute("--mode", "online")).isEqualTo(11);
  }

  @Test
  void aCommandThatDeclaresHelpItselfKeepsOneHelpOption() {
    @Command(name = "own", mixinStandardHelpOptions = true)
    final class Own implements Runnable {
      @Override
      public void run() {}
    }
    CommandLine line = Commands.line(new Own());

    assertThat(line.getCommandSpec().options().stream().filter(o -> o.usageHelp())).hasSize(1);
  }
}
