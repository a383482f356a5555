package prefloop.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptSplitTest {
  private final PromptGrammar grammar = new PromptGrammar();

  @Test
  void fnv1aMatchesTheReferenceTestVectors() {
    assertThat(PromptSplit.fnv1a("")).isEqualTo(0xcbf29ce484222325L);
    assertThat(PromptSplit.fnv1a("a")).isEqualTo(0xaf63dc4c8601ec8cL);
    assertThat(PromptSplit.fnv1a("foobar")).isEqualTo(0x85944171f73967e8L);
  }

  @Test
  void holdsOutAboutTenPercentDisjointFromTraining() {
    PromptSplit split = new PromptSplit(grammar);
    double share = split.heldOut().size() / (double) grammar.all().size();
    assertThat(share).isBetween(0.08, 0.12);
    Set<Prompt> train = new HashSet<>(split.train());
    assertThat(split.heldOut()).noneMatch(train::contains);
    assertThat(split.train().size() + split.heldOut().size()).isEqualTo(grammar.all().size());
  }

  @Test
  void splitIsAFunctionOfTheTextAlone() {
    PromptSplit a = new PromptSplit(new PromptGrammar());
    PromptSplit b = new PromptSplit(new PromptGrammar());
    assertThat(a.heldOut()).isEqualTo(b.heldOut());
    assertThat(new PromptSplit(grammar, 0).heldOut()).isEmpty();
    assertThat(new PromptSplit(grammar, 1000).train()).isEmpty();
  }
}
