package prefloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
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
  void everySubcommandAndItsOwnSubcommandsAnswerHelp() {
    CommandLine line = PrefloopCommand.commandLine(Map.of());
    for (String name : line.getSubcommands().keySet()) {
      StringWriter out = new StringWriter();
      line.setOut(new PrintWriter(out));

      assertThat(line.execute(name, "--help")).as(name).isZero();
      assertThat(out.toString()).as(name).contains("Usage: prefloop " + name, "-h, --help");
    }
    StringWriter out = new StringWriter();
    line.setOut(new PrintWriter(out));
    assertThat(line.execute("rater", "tokens", "add", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: prefloop rater tokens add", "-h, --help");
  }

  @Test
  void brokerSubcommandTakesDataDirPortAndPrefix() {
    CommandLine.ParseResult parsed =
        new CommandLine(new PrefloopCommand())
            .parseArgs("broker", "--data-dir", "d", "--port", "0", "--topic-prefix", "x.");
    assertThat(parsed.subcommand().matchedOptionValue("--topic-prefix", "")).isEqualTo("x.");
  }

  @Test
  void everyServiceTakesTheSameKafkaOptionsWithTheSameDefaults() {
    CommandLine line = PrefloopCommand.commandLine(Map.of());
    for (String service : List.of("generator", "rater", "learner", "dashboard", "export-labels")) {
      CommandLine.Model.CommandSpec spec = line.getSubcommands().get(service).getCommandSpec();
      CommandLine.Model.OptionSpec bootstrap = spec.findOption("--bootstrap-servers");
      assertThat(bootstrap.names()).as(service).contains("--bootstrap");
      assertThat(bootstrap.<String>getValue()).as(service).isEqualTo("127.0.0.1:9092");
      assertThat(spec.findOption("--topic-prefix").<String>getValue())
          .as(service)
          .isEqualTo("prefloop.");
    }
  }

  @Test
  void everyServiceReadsItsKafkaFromTheEnvironment() {
    CommandLine line =
        PrefloopCommand.commandLine(
            Map.of("PREFLOOP_BOOTSTRAP_SERVERS", "kafka:9092", "PREFLOOP_TOPIC_PREFIX", "team-a."));
    for (String service : List.of("generator", "rater", "learner", "dashboard", "export-labels")) {
      // only export-labels requires an option; the Kafka ones must come from the environment
      if (service.equals("export-labels")) {
        line.parseArgs(service, "--out", "labels.jsonl");
      } else {
        line.parseArgs(service);
      }
      CommandLine.Model.CommandSpec spec = line.getSubcommands().get(service).getCommandSpec();
      assertThat(spec.findOption("--bootstrap-servers").<String>getValue())
          .as(service)
          .isEqualTo("kafka:9092");
      assertThat(spec.findOption("--topic-prefix").<String>getValue())
          .as(service)
          .isEqualTo("team-a.");
    }
  }
}
