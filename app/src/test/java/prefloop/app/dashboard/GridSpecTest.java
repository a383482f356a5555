package prefloop.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptSplit;

class GridSpecTest {

  @Test
  void gridUsesDistinctHeldOutPromptsAndTheSameSeedsEveryTime() {
    GridSpec spec = GridSpec.heldOut(8, 4, 20);
    PromptSplit split = new PromptSplit(new PromptGrammar());

    assertThat(spec.prompts()).hasSize(8).doesNotHaveDuplicates();
    assertThat(spec.prompts())
        .allMatch(p -> split.heldOut().stream().anyMatch(h -> h.text().equals(p)));
    assertThat(spec.seeds()).containsExactly(0L, 1L, 2L, 3L);
    assertThat(GridSpec.heldOut(8, 4, 20)).isEqualTo(spec);
  }

  @Test
  void cellsRunRowByRowSeedRowsTimesPromptColumnsTheSameForEveryVersion() {
    GridSpec spec = GridSpec.heldOut(3, 2, 10);

    assertThat(spec.cellPrompts())
        .containsExactly(
            spec.prompts().get(0),
            spec.prompts().get(1),
            spec.prompts().get(2),
            spec.prompts().get(0),
            spec.prompts().get(1),
            spec.prompts().get(2));
    assertThat(spec.cellSeeds()).containsExactly(0, 0, 0, 1, 1, 1);
  }
}
