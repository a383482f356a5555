package prefloop.app.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import prefloop.app.EnvironmentDefaults;
import prefloop.app.PrefloopCommand;
import prefloop.app.RepositoryRoot;
import prefloop.diffusion.checkpoint.ServiceToken;

/**
 * Checks the top-level {@code docker-compose.yml} without a Docker engine: against the vendored
 * Compose Specification schema ({@code src/test/resources/compose/compose-spec.json}) and against
 * our CLI.
 */
class ComposeFileTest {

  private static final String PREFLOOP_IMAGE = "prefloop:latest";
  private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:([A-Z0-9_]+)");

  private final YAMLMapper yaml = new YAMLMapper();

  @Test
  void composeFileConformsToTheComposeSpecification() throws IOException {
    Set<ValidationMessage> errors = composeSchema().validate(compose());

    assertThat(errors).isEmpty();
  }

  @Test
  void schemaRejectsAServiceWithAnUnknownKey() throws IOException {
    ObjectNode broken = (ObjectNode) compose();
    ((ObjectNode) broken.at("/services/learner")).put("gpus_please", true);

    Set<ValidationMessage> errors = composeSchema().validate(broken);

    assertThat(errors).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains("gpus"));
  }

  @Test
  void kafkaRunsAsOneCombinedKraftNode() throws IOException {
    JsonNode kafka = compose().at("/services/kafka");

    assertThat(kafka.path("image").asText()).startsWith("apache/kafka:");
    assertThat(kafka.at("/environment/KAFKA_PROCESS_ROLES").asText())
        .isEqualTo("broker,controller");
    assertThat(kafka.at("/environment/KAFKA_CONTROLLER_QUORUM_VOTERS").asText())
        .isEqualTo("1@kafka:9093");
  }

  @Test
  void everyPrefloopServiceIsConfiguredByEnvironmentAndBuiltFromOurDockerfile() throws IOException {
    JsonNode services = compose().path("services");
    Set<String> names = prefloopServices(services);

    assertThat(names).contains("generator", "rater", "learner", "dashboard");
    for (String name : names) {
      JsonNode service = services.path(name);
      assertThat(service.at("/environment/PREFLOOP_BOOTSTRAP_SERVERS").asText())
          .as(name)
          .isEqualTo("kafka:9092");
      assertThat(service.at("/environment/PREFLOOP_TOPIC_PREFIX").asText()).as(name).isNotEmpty();
      String dockerfile = service.at("/build/dockerfile").asText();
      assertThat(RepositoryRoot.resolve(dockerfile)).as(name).isRegularFile();
    }
  }

  @Test
  void learnerKeepsCheckpointsOnAVolumeAndServesThemUnderItsServiceName() throws IOException {
    JsonNode compose = compose();

    assertThat(compose.at("/volumes").has("checkpoints")).isTrue();
    assertThat(compose.at("/services/learner/volumes/0").asText())
        .isEqualTo(
            "checkpoints:"
                + compose.at("/services/learner/environment/PREFLOOP_CHECKPOINTS").asText());
    assertThat(compose.at("/services/learner/environment/PREFLOOP_HOST").asText())
        .as("generators fetch checkpoints from the URIs the learner announces")
        .isEqualTo("learner");
  }

  @Test
  void learnerCarriesACommentedGpuReservation() throws IOException {
    String text = Files.readString(composeFile());

    assertThat(text)
        .contains("#           capabilities: [gpu]")
        .contains("#         - driver: nvidia")
        .contains("#     reservations:");
  }

  @Test
  void everyServiceReadsOnlyEnvironmentVariablesItsCommandKnows() throws IOException {
    CommandLine root = new CommandLine(new PrefloopCommand()).setInterpolateVariables(false);
    JsonNode services = compose().path("services");
    for (String service : prefloopServices(services)) {
      String command = services.path(service).at("/command/0").asText();
      // every service reads the service token from the environment, outside its options
      Set<String> known = new TreeSet<>(Set.of(ServiceToken.ENVIRONMENT));
      for (OptionSpec option : root.getSubcommands().get(command).getCommandSpec().options()) {
        known.add(EnvironmentDefaults.variable(option));
        Matcher env = ENV_DEFAULT.matcher(String.valueOf(option.defaultValue()));
        if (env.find()) {
          known.add(env.group(1));
        }
      }
      Set<String> used = new TreeSet<>();
      services.path(service).path("environment").fieldNames().forEachRemaining(used::add);

      assertThat(used).as(service + " sets the broker").contains("PREFLOOP_BOOTSTRAP_SERVERS");
      assertThat(known).as("variables the '" + command + "' command reads").containsAll(used);
    }
  }

  @Test
  void everyServiceCommandIsASubcommandOfPrefloop() throws IOException {
    Set<String> subcommands = new CommandLine(new PrefloopCommand()).getSubcommands().keySet();
    JsonNode services = compose().path("services");
    Set<String> commands = new TreeSet<>();
    for (String name : prefloopServices(services)) {
      commands.add(services.path(name).at("/command/0").asText());
    }

    assertThat(subcommands).containsAll(commands);
    assertThat(commands).containsExactlyInAnyOrder("generator", "rater", "learner", "dashboard");
  }

  private static Set<String> prefloopServices(JsonNode services) {
    Set<String> names = new TreeSet<>();
    services
        .fields()
        .forEachRemaining(
            e -> {
              if (PREFLOOP_IMAGE.equals(e.getValue().path("image").asText())) {
                names.add(e.getKey());
              }
            });
    return names;
  }

  private JsonNode compose() throws IOException {
    return yaml.readTree(composeFile().toFile());
  }

  private static JsonSchema composeSchema() throws IOException {
    try (InputStream in = ComposeFileTest.class.getResourceAsStream("/compose/compose-spec.json")) {
      assertThat(in).as("vendored compose-spec.json on the test classpath").isNotNull();
      // The 2021 schema still marks subschemas with draft-04 "id" (not "$id"): an annotation only.
      JsonMetaSchema draft201909 =
          JsonMetaSchema.builder(JsonMetaSchema.getV201909())
              .keyword(new NonValidationKeyword("id"))
              .build();
      return JsonSchemaFactory.getInstance(
              SpecVersion.VersionFlag.V201909, factory -> factory.metaSchema(draft201909))
          .getSchema(in);
    }
  }

  private static Path composeFile() {
    return RepositoryRoot.resolve("docker-compose.yml");
  }
}
