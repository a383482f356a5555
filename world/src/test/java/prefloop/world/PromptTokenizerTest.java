package prefloop.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromptTokenizerTest {
  private final PromptGrammar grammar = new PromptGrammar();
  private final PromptTokenizer tokenizer = new PromptTokenizer(grammar);

  @Test
  void wordsGetIdsAfterTheReservedOnesAndThePromptIsPadded() {
    int[] ids = tokenizer.encode("a small red circle on a blue background, top left");
    assertThat(ids).hasSize(12);
    // "a" is vocabulary word 0 → id 3; "," (the 9th word of the prompt) is word 3 → id 6
    assertThat(ids[0]).isEqualTo(3);
    assertThat(ids[8]).isEqualTo(6);
    assertThat(tokenizer.word(ids[1])).isEqualTo("small");
    assertThat(tokenizer.word(ids[11])).isEqualTo("<pad>");
    assertThat(ids[11]).isEqualTo(PromptTokenizer.PAD);
    assertThat(tokenizer.vocabularySize()).isEqualTo(3 + grammar.vocabulary().size());
  }

  @Test
  void everyPromptFitsAndEncodesDistinctly() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Prompt p : grammar.all()) {
      seen.add(java.util.Arrays.toString(tokenizer.encode(p)));
    }
    assertThat(seen).hasSize(grammar.all().size());
  }

  @Test
  void emptyPromptIsTheClassifierFreeGuidanceToken() {
    assertThat(tokenizer.encodeEmpty()).startsWith(PromptTokenizer.EMPTY, PromptTokenizer.PAD);
    assertThat(tokenizer.encode("   ")).isEqualTo(tokenizer.encodeEmpty());
  }

  @Test
  void unknownWordsThrowOrMapToUnkByConfig() {
    assertThatThrownBy(() -> tokenizer.encode("a teal circle"))
        .isInstanceOf(UnknownWordException.class)
        .hasMessageContaining("[teal]")
        .hasMessageContaining("vocabulary");
    PromptTokenizer lenient = new PromptTokenizer(grammar, 12, true);
    assertThat(lenient.encode("a teal circle"))
        .startsWith(3, PromptTokenizer.UNK, tokenizer.encode("circle")[0]);
  }

  @Test
  void tooManyWordsIsAClearError() {
    assertThatThrownBy(() -> new PromptTokenizer(grammar, 3, false).encode("a red circle on"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxLength is 3");
  }
}
