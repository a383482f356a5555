package prefloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PrefloopCommandTest {
  @Test
  void helpListsUpAndBroker() {
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new PrefloopCommand()).setOut(new PrintWriter(out));

    int rc = command.execute("--help");

    assertThat(rc).isZero();
    assertThat(out.toString()).contains("up", "broker");
  }

  @Test
  void brokerSubcommandTakesDataDirPortAndPrefix() {
    CommandLine.ParseResult parsed =
        new CommandLine(new PrefloopCommand())
            .parseArgs("broker", "--data-dir", "d", "--port", "0", "--topic-prefix", "x.");
    assertThat(parsed.subcommand().matchedOptionValue("--topic-prefix", "")).isEqualTo("x.");
  }
}
