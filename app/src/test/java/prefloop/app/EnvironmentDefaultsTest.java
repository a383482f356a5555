package prefloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import prefloop.learner.service.LearnerMain;

class EnvironmentDefaultsTest {

  @Test
  void anOptionDefaultsToItsPrefloopVariableAndTheCommandLineStillWins() {
    Map<String, String> env =
        Map.of("PREFLOOP_BOOTSTRAP_SERVERS", "kafka:9092", "PREFLOOP_PUBLISH_EVERY", "7");

    CommandLine fromEnv = PrefloopCommand.commandLine(env);
    fromEnv.parseArgs("learner");
    LearnerMain learner = fromEnv.getSubcommands().get("learner").getCommand();
    assertThat(learner.bootstrap()).isEqualTo("kafka:9092");

    CommandLine explicit = PrefloopCommand.commandLine(env);
    explicit.parseArgs("learner", "--bootstrap-servers", "other:1");
    LearnerMain overridden = explicit.getSubcommands().get("learner").getCommand();
    assertThat(overridden.bootstrap()).isEqualTo("other:1");
  }

  @Test
  void theVariableAlsoReplacesADefaultWrittenInTheAnnotation() {
    CommandLine line =
        PrefloopCommand.commandLine(
            Map.of("PREFLOOP_TOPIC_PREFIX", "team-a.", "PREFLOOP_BOOTSTRAP_SERVERS", "k:1"));
    line.parseArgs("generator");
    CommandLine generator = line.getSubcommands().get("generator");
    assertThat(generator.getCommandSpec().findOption("--topic-prefix").<String>getValue())
        .isEqualTo("team-a.");
    assertThat(generator.getCommandSpec().findOption("--bootstrap").<String>getValue())
        .isEqualTo("k:1");
  }

  @Test
  void variableNamesComeFromTheLongestOptionName() {
    CommandLine line = new CommandLine(new LearnerMain());
    assertThat(EnvironmentDefaults.variable(line.getCommandSpec().findOption("--bootstrap")))
        .isEqualTo("PREFLOOP_BOOTSTRAP_SERVERS");
    assertThat(EnvironmentDefaults.variable(line.getCommandSpec().findOption("--publish-every")))
        .isEqualTo("PREFLOOP_PUBLISH_EVERY");
  }

  @Test
  void withoutTheVariableTheOptionKeepsItsOwnDefault() {
    CommandLine line = PrefloopCommand.commandLine(Map.of());
    line.parseArgs("learner");
    LearnerMain learner = line.getSubcommands().get("learner").getCommand();
    assertThat(learner.bootstrap()).isEqualTo("127.0.0.1:9092");
  }
}
