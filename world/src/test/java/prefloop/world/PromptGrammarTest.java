package prefloop.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromptGrammarTest {
  private final PromptGrammar grammar = new PromptGrammar();

  @Test
  void enumeratesEveryDistinctCombinationWithObjectAndBackgroundDifferent() {
    // 3 sizes × 5 shapes × 9 positions × (7 object × 6 background − 4 shared colours)
    assertThat(grammar.all()).hasSize(3 * 5 * 9 * (7 * 6 - 4)).hasSize(5130);
    assertThat(new HashSet<>(grammar.all())).hasSize(5130);
    assertThat(grammar.all()).allMatch(p -> p.colour() != p.background());
  }

  @Test
  void vocabularyStartsWithFillerWordsAndCoversEveryPromptWord() {
    assertThat(grammar.vocabulary()).startsWith("a", "on", "background", ",");
    assertThat(grammar.vocabulary()).doesNotHaveDuplicates().hasSize(4 + 3 + 9 + 5 + 5);
    for (Prompt p : grammar.all()) {
      assertThat(grammar.vocabulary()).containsAll(PromptGrammar.words(p.text()));
    }
  }

  @Test
  void textReadsLikeTheDesignExample() {
    Prompt p = new Prompt(Size.SMALL, Colour.RED, Shape.CIRCLE, Colour.BLUE, Position.TOP_LEFT);
    assertThat(p.text()).isEqualTo("a small red circle on a blue background, top left");
  }

  @Test
  void parseRoundTripsEveryPrompt() {
    for (Prompt p : grammar.all()) {
      assertThat(grammar.parse(p.text())).isEqualTo(p);
    }
  }

  @Test
  void parseToleratesCaseAndWhitespace() {
    assertThat(grammar.parse("  A Small RED circle\ton a BLUE background ,top   left "))
        .isEqualTo(
            new Prompt(Size.SMALL, Colour.RED, Shape.CIRCLE, Colour.BLUE, Position.TOP_LEFT));
  }

  @Test
  void unknownWordsAreListedWithTheVocabulary() {
    assertThatThrownBy(() -> grammar.parse("a small crimson hexagon on a blue background, top"))
        .isInstanceOf(UnknownWordException.class)
        .hasMessageContaining("[crimson, hexagon]")
        .hasMessageContaining(grammar.vocabulary().toString())
        .satisfies(
            e ->
                assertThat(((UnknownWordException) e).unknownWords())
                    .containsExactly("crimson", "hexagon"));
  }

  @ParameterizedTest(name = "[{0}]: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a red small circle on a blue background, top | expected a size",
        "a small red circle on a blue background, left top | a position",
        "a small red circle on a red background, top | must differ",
        "a small grey circle on a red background, top | not an object colour",
        "'' | found the end"
      })
  void badStructureIsAnInvalidPromptNamingWhatWasExpected(String prompt, String expected) {
    assertThatThrownBy(() -> grammar.parse(prompt))
        .isInstanceOf(InvalidPromptException.class)
        .hasMessageContaining(expected);
  }

  @Test
  void sampleIsSeeded() {
    Random a = new Random(7);
    Random b = new Random(7);
    for (int i = 0; i < 20; i++) {
      assertThat(grammar.sample(a)).isEqualTo(grammar.sample(b));
    }
  }
}
