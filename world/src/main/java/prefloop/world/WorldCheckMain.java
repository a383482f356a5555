package prefloop.world;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Prints how the pixel checks behave on the world's own renders: per-attribute accuracy on clean
 * renders of every prompt, then for each degradation the accuracy and the "degraded-looking" rate
 * over the first {@code n} prompts of a seeded shuffle, and the time per check. Prints, asserts
 * nothing.
 *
 * <p>Usage: {@code WorldCheckMain [n]} (default 500).
 */
@Command(
    name = "world-check",
    mixinStandardHelpOptions = true,
    description =
        "Prints how the pixel checks behave on the world's own renders, clean and per degradation.")
public final class WorldCheckMain implements Callable<Integer> {

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "500",
      paramLabel = "N",
      description = "prompts rendered per degradation (default ${DEFAULT-VALUE})")
  int n;

  public static void main(String[] args) {
    System.exit(new CommandLine(new WorldCheckMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PromptGrammar grammar = new PromptGrammar();
    Renderer renderer = new Renderer();
    AttributeChecker checker = new AttributeChecker();
    long start = System.nanoTime();
    report("clean, all " + grammar.all().size(), grammar.all(), renderer, checker, Set.of());
    double ms = (System.nanoTime() - start) / 1e6 / grammar.all().size();
    System.out.printf(Locale.ROOT, "render + check: %.2f ms per image%n", ms);
    Random random = new Random(1);
    List<Prompt> sample = Stream.generate(() -> grammar.sample(random)).limit(n).toList();
    for (Degradation d : Degradation.values()) {
      report(d.name(), sample, renderer, checker, Set.of(d));
    }
    return 0;
  }

  private static void report(
      String label,
      List<Prompt> prompts,
      Renderer renderer,
      AttributeChecker checker,
      Set<Degradation> degradations) {
    int[] correct = new int[6];
    for (Prompt p : prompts) {
      AttributeCheck c =
          checker.check(p, renderer.render(p, PromptSplit.fnv1a(p.text()), degradations));
      correct[0] += c.colourCorrect() ? 1 : 0;
      correct[1] += c.shapeCorrect() ? 1 : 0;
      correct[2] += c.backgroundCorrect() ? 1 : 0;
      correct[3] += c.positionCorrect() ? 1 : 0;
      correct[4] += c.sizeCorrect() ? 1 : 0;
      correct[5] += c.degradedLooking() ? 1 : 0;
    }
    double size = prompts.size();
    System.out.printf(
        Locale.ROOT,
        "%-22s colour %.3f shape %.3f background %.3f position %.3f size %.3f degraded-looking %.3f%n",
        label,
        correct[0] / size,
        correct[1] / size,
        correct[2] / size,
        correct[3] / size,
        correct[4] / size,
        correct[5] / size);
  }
}
