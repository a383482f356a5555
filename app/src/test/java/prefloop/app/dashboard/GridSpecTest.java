package prefloop.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import prefloop.diffusion.world.PromptGrammar;
import prefloop.diffusion.world.PromptSplit;

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
}
