package prefloop.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import prefloop.diffusion.world.Prompt;
import prefloop.diffusion.world.PromptGrammar;
import prefloop.diffusion.world.PromptSplit;

/**
 * The fixed evaluation set: {@code prompts} distinct held-out prompts ({@link PromptSplit}, never
 * seen in training), chosen by a seeded shuffle of the held-out list sorted by text, each with
 * {@code seedsPerPrompt} seeds. Item i = (prompt ⌊i / k⌋, seed firstSeed + i): the same settings
 * always give the same items, whatever the checkpoint.
 */
public final class EvalPromptSet {
  private final List<EvalItem> items;
  private final List<int[]> groups;

  public EvalPromptSet(EvalSettings settings) {
    List<Prompt> heldOut = new ArrayList<>(new PromptSplit(new PromptGrammar()).heldOut());
    if (settings.prompts() > heldOut.size()) {
      throw new IllegalArgumentException(
          "asked for "
              + settings.prompts()
              + " evaluation prompts but the held-out split has only "
              + heldOut.size()
              + "; use --prompts "
              + heldOut.size()
              + " or fewer (add seeds with --seeds-per-prompt)");
    }
    heldOut.sort(Comparator.comparing(Prompt::text));
    Collections.shuffle(heldOut, new Random(settings.promptSeed()));
    List<EvalItem> list = new ArrayList<>(settings.images());
    List<int[]> byPrompt = new ArrayList<>(settings.prompts());
    int k = settings.seedsPerPrompt();
    for (int p = 0; p < settings.prompts(); p++) {
      int[] group = new int[k];
      for (int s = 0; s < k; s++) {
        int index = p * k + s;
        group[s] = index;
        list.add(new EvalItem(index, heldOut.get(p), p, settings.firstSeed() + index));
      }
      byPrompt.add(group);
    }
    this.items = List.copyOf(list);
    this.groups = List.copyOf(byPrompt);
  }

  public List<EvalItem> items() {
    return items;
  }

  /** Per prompt, the indices of its items. */
  public List<int[]> groups() {
    return groups;
  }

  public List<String> texts() {
    return items.stream().map(i -> i.prompt().text()).toList();
  }

  public long[] seeds() {
    return items.stream().mapToLong(EvalItem::seed).toArray();
  }
}
