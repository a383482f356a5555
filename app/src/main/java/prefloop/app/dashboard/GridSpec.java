package prefloop.app.dashboard;

import java.util.ArrayList;
import java.util.List;
import prefloop.world.Prompt;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptSplit;

/**
 * The fixed prompts (columns) and seeds (rows) of the sample grid, the same for every policy
 * version so a person compares image by image.
 *
 * @param prompts prompt texts, one column each
 * @param seeds seeds, one row each
 * @param steps DDIM steps
 */
record GridSpec(List<String> prompts, List<Long> seeds, int steps) {

  GridSpec {
    prompts = List.copyOf(prompts);
    seeds = List.copyOf(seeds);
    if (prompts.isEmpty() || seeds.isEmpty()) {
      throw new IllegalArgumentException("a grid needs at least one prompt and one seed");
    }
  }

  /**
   * {@code promptCount} held-out prompts spread evenly over the grammar order of the held-out set,
   * and seeds 0..{@code seedCount}−1.
   */
  static GridSpec heldOut(int promptCount, int seedCount, int steps) {
    List<Prompt> heldOut = new PromptSplit(new PromptGrammar()).heldOut();
    List<String> prompts = new ArrayList<>();
    for (int i = 0; i < promptCount; i++) {
      prompts.add(heldOut.get((int) ((long) i * heldOut.size() / promptCount)).text());
    }
    List<Long> seeds = new ArrayList<>();
    for (long s = 0; s < seedCount; s++) {
      seeds.add(s);
    }
    return new GridSpec(prompts, seeds, steps);
  }

  /** The prompt of every cell, row by row (seed rows × prompt columns): the images' order. */
  List<String> cellPrompts() {
    List<String> cells = new ArrayList<>(prompts.size() * seeds.size());
    for (int r = 0; r < seeds.size(); r++) {
      cells.addAll(prompts);
    }
    return cells;
  }

  /** The seed of every cell, in the order of {@link #cellPrompts()}. */
  long[] cellSeeds() {
    long[] cells = new long[prompts.size() * seeds.size()];
    for (int r = 0; r < seeds.size(); r++) {
      for (int c = 0; c < prompts.size(); c++) {
        cells[r * prompts.size() + c] = seeds.get(r);
      }
    }
    return cells;
  }

  static GridSpec of(DashboardConfig config) {
    return heldOut(config.gridPrompts(), config.gridSeeds(), config.gridSteps());
  }
}
