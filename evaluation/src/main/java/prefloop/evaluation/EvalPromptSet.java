package prefloop.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import prefloop.world.Prompt;
import prefloop.world.PromptFileLine;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptSplit;

/**
 * The fixed evaluation set: {@code prompts} distinct held-out prompts ({@link PromptSplit}, never
 * seen in training), chosen by a seeded shuffle of the held-out list sorted by text, or the
 * settings' fixed prompts in their order (a prompts file, {@link #readPromptsFile}); each with
 * {@code seedsPerPrompt} seeds. Item i = (prompt ⌊i / k⌋, seed firstSeed + i): the same settings
 * always give the same items, whatever the checkpoint.
 */
public final class EvalPromptSet {
  private final List<EvalItem> items;
  private final List<int[]> groups;

  public EvalPromptSet(EvalSettings settings) {
    List<Prompt> prompts = settings.hasFixedPrompts() ? settings.fixedPrompts() : heldOut(settings);
    List<EvalItem> list = new ArrayList<>(settings.images());
    List<int[]> byPrompt = new ArrayList<>(settings.prompts());
    int k = settings.seedsPerPrompt();
    for (int p = 0; p < settings.prompts(); p++) {
      int[] group = new int[k];
      for (int s = 0; s < k; s++) {
        int index = p * k + s;
        group[s] = index;
        list.add(new EvalItem(index, prompts.get(p), p, settings.firstSeed() + index));
      }
      byPrompt.add(group);
    }
    this.items = List.copyOf(list);
    this.groups = List.copyOf(byPrompt);
  }

  private static List<Prompt> heldOut(EvalSettings settings) {
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
    return heldOut.subList(0, settings.prompts());
  }

  /**
   * The prompts of a prompts file, in file order: one prompt per line (UTF-8); blank lines and
   * lines starting with {@code #} are skipped. Every prompt must parse with the toy world's grammar
   * (which also makes it a valid input of the model's tokenizer).
   *
   * @throws IllegalArgumentException naming the file, the line number and the reason, for the first
   *     bad line, or when the file holds no prompt
   * @throws IOException when the file cannot be read
   */
  public static List<Prompt> readPromptsFile(Path file) throws IOException {
    PromptGrammar grammar = new PromptGrammar();
    List<Prompt> prompts = new ArrayList<>();
    for (PromptFileLine line : PromptFileLine.read(file)) {
      try {
        prompts.add(grammar.parse(line.text()));
      } catch (IllegalArgumentException e) { // PromptException and its kin
        throw new IllegalArgumentException(
            file
                + ":"
                + line.number()
                + ": not a prompt of the model (\""
                + line.text()
                + "\"): "
                + e.getMessage(),
            e);
      }
    }
    if (prompts.isEmpty()) {
      throw new IllegalArgumentException(
          file + ": no prompts (one per line; blank lines and lines starting with # are skipped)");
    }
    return prompts;
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
