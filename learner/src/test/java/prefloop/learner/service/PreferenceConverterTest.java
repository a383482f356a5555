package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import prefloop.broker.TestMessages;
import prefloop.diffusion.model.GrammarPromptEncoder;
import prefloop.diffusion.model.PromptEncoder;
import prefloop.learner.core.PreferenceExample;
import prefloop.learner.core.TrainerConfig;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.PreferenceLabel;
import prefloop.schemas.avro.RaterInfo;
import prefloop.schemas.avro.RaterKind;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptTokenizer;

class PreferenceConverterTest {
  private static final RawRecord AT = new RawRecord("t", 0, 7, null, null);
  private static final PromptEncoder PROMPTS =
      new GrammarPromptEncoder(new PromptTokenizer(new PromptGrammar(), 12, false));

  private static PreferenceConverter converter(StalePolicy policy) {
    LearnerConfig config =
        LearnerConfig.builder(TrainerConfig.defaults())
            .maxStaleness(2)
            .stalePolicy(policy)
            .staleWeight(0.25)
            .baseCheckpoint(Path.of("base"))
            .build();
    return new PreferenceConverter(config, 8, PROMPTS);
  }

  @Test
  void labelBMakesTheSecondImageTheWinner() {
    Preference b = TestMessages.preference("p1", PreferenceLabel.B, 5, 8);

    PendingEntry entry = converter(StalePolicy.DROP).convert(AT, b, 6);

    PreferenceExample example = entry.trainable().orElseThrow();
    assertThat(example.pairId()).isEqualTo("p1");
    assertThat(example.winner())
        .isEqualTo(TestMessages.randomImage(8, "p1".hashCode() + 1L).quantised());
    assertThat(example.weight()).isEqualTo(1.0);
    assertThat(entry.staleness()).isEqualTo(1);
  }

  @Test
  void aPersonsLabelWeighsTwiceItsConfidenceLessOneAndAModelsWeighsOne() {
    PreferenceConverter converter = converter(StalePolicy.DROP);
    Preference careful = TestMessages.preference("h1", PreferenceLabel.A, 0, 8);
    careful.setRater(new RaterInfo("human:ann", RaterKind.HUMAN));
    careful.setConfidence(0.9);
    Preference atChance = TestMessages.preference("h2", PreferenceLabel.A, 0, 8);
    atChance.setRater(new RaterInfo("human:bob", RaterKind.HUMAN));
    atChance.setConfidence(0.5);
    Preference model = TestMessages.preference("m1", PreferenceLabel.A, 0, 8);
    model.setConfidence(0.6);

    assertThat(converter.convert(AT, careful, 0).trainable().orElseThrow().weight())
        .isCloseTo(0.8, within(1e-12));
    assertThat(converter.convert(AT, atChance, 0).skipReason()).isEqualTo("rater at chance");
    assertThat(converter.convert(AT, model, 0).trainable().orElseThrow().weight()).isEqualTo(1.0);
  }

  @Test
  void tiesSkipsAndBadPairsCarryNoGradient() {
    PreferenceConverter converter = converter(StalePolicy.DROP);
    for (PreferenceLabel label :
        List.of(PreferenceLabel.TIE, PreferenceLabel.SKIP, PreferenceLabel.BAD)) {
      PendingEntry entry = converter.convert(AT, TestMessages.preference("p", label, 0, 8), 0);
      assertThat(entry.trainable()).isEmpty();
      assertThat(entry.skipReason()).isEqualTo(label.name().toLowerCase());
    }
  }

  @Test
  void preferencesBeyondMaxStalenessAreDroppedOrDownWeighted() {
    Preference old = TestMessages.preference("old", PreferenceLabel.A, 1, 8);

    PendingEntry dropped = converter(StalePolicy.DROP).convert(AT, old, 4);
    PendingEntry weighted = converter(StalePolicy.DOWNWEIGHT).convert(AT, old, 4);
    PendingEntry fresh = converter(StalePolicy.DROP).convert(AT, old, 3);

    assertThat(dropped.skipReason()).isEqualTo("stale");
    assertThat(weighted.trainable().orElseThrow().weight()).isEqualTo(0.25);
    assertThat(fresh.trainable()).isPresent();
  }

  @Test
  void wrongSizeBrokenPngAndUnknownWordsAreInvalid() {
    PreferenceConverter converter = converter(StalePolicy.DROP);
    Preference wrongSize = TestMessages.preference("w", PreferenceLabel.A, 0, 4);
    Preference broken = TestMessages.preference("b", PreferenceLabel.A, 0, 8);
    broken.getImages().get(1).setPng(ByteBuffer.wrap(new byte[] {1, 2, 3}));
    Preference unknown = TestMessages.preference("u", PreferenceLabel.A, 0, 8);
    unknown.setPrompt("a purple unicorn");

    assertThatThrownBy(() -> converter.convert(AT, wrongSize, 0))
        .isInstanceOf(InvalidPreferenceException.class)
        .hasMessageContaining("4x4");
    assertThatThrownBy(() -> converter.convert(AT, broken, 0))
        .isInstanceOf(InvalidPreferenceException.class)
        .hasMessageContaining("image B");
    assertThatThrownBy(() -> converter.convert(AT, unknown, 0))
        .isInstanceOf(InvalidPreferenceException.class)
        .hasMessageContaining("prompt");
  }
}
