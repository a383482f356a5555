package prefloop.generator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import prefloop.generator.prompt.PromptValidator;
import prefloop.world.PromptGrammar;

class RequestParsingTest {
  private static final String RED = "a small red circle on a blue background, top left";
  private final PromptValidator validator = new PromptValidator(new PromptGrammar());

  @Test
  void generateDefaultsToOneImageAtSeedZero() {
    GenerateRequest request = GenerateRequest.parse(RED, null, null, validator);

    assertThat(request.n()).isEqualTo(1);
    assertThat(request.seeds()).containsExactly(0L);
  }

  @Test
  void generateSeedsAreConsecutive() {
    assertThat(GenerateRequest.parse(RED, "41", "3", validator).seeds())
        .containsExactly(41, 42, 43);
  }

  @Test
  void badGenerateParametersSayWhatIsWrong() {
    assertThatThrownBy(() -> GenerateRequest.parse(null, null, null, validator))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("missing query parameter 'prompt'");
    assertThatThrownBy(() -> GenerateRequest.parse("a tiny red circle", null, null, validator))
        .hasMessageContaining("tiny")
        .hasMessageContaining("vocabulary");
    assertThatThrownBy(() -> GenerateRequest.parse(RED, "abc", null, validator))
        .hasMessageContaining("seed = 'abc'");
    assertThatThrownBy(() -> GenerateRequest.parse(RED, "-1", null, validator))
        .hasMessageContaining(">= 0");
    assertThatThrownBy(() -> GenerateRequest.parse(RED, null, "17", validator))
        .hasMessageContaining("n = 17 must be in [1, 16]");
    assertThatThrownBy(() -> GenerateRequest.parse(RED, null, "0", validator))
        .hasMessageContaining("n = 0");
    assertThatThrownBy(() -> GenerateRequest.parse(RED, null, "many", validator))
        .hasMessageContaining("n = 'many'");
  }

  @Test
  void promptsComeAsJsonOrLines() {
    assertThat(PromptSubmission.parse("application/json", "{\"text\": \"" + RED + "\"}", validator))
        .containsExactly(RED);
    assertThat(PromptSubmission.parse("text/plain", RED + "\n\n" + RED.toUpperCase(), validator))
        .containsExactly(RED, RED);
  }

  @Test
  void badPromptBodiesAreRefusedWhole() {
    assertThatThrownBy(() -> PromptSubmission.parse("application/json", "{nope", validator))
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> PromptSubmission.parse("application/json", "{\"txt\": 1}", validator))
        .hasMessageContaining("'text'");
    assertThatThrownBy(() -> PromptSubmission.parse("text/plain", RED + "\nsome cat", validator))
        .hasMessageContaining("prompt 2")
        .hasMessageContaining("cat");
    assertThatThrownBy(() -> PromptSubmission.parse("text/plain", "  \n", validator))
        .hasMessageContaining("no prompt");
  }
}
