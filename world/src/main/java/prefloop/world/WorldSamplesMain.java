package prefloop.world;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Writes a sample sheet of the toy world: 8 prompts per row; row 1 clean renders (seed = column
 * index 0..7), row 2 clean with seeds 100..107, then one row per {@link Degradation} in declaration
 * order; upscaled ×4.
 *
 * <p>Usage: {@code WorldSamplesMain [output.png]} (default {@code docs/world/samples.png}).
 */
@Command(
    name = "world-samples",
    mixinStandardHelpOptions = true,
    description =
        "Writes a sample sheet of the toy world: clean renders and one row per degradation.")
public final class WorldSamplesMain implements Callable<Integer> {
  private static final int COLUMNS = 8;
  private static final int SCALE = 4;

  @Parameters(
      index = "0",
      arity = "0..1",
      defaultValue = "docs/world/samples.png",
      paramLabel = "OUT",
      description = "the PNG to write (default ${DEFAULT-VALUE})")
  Path out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new WorldSamplesMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PromptGrammar grammar = new PromptGrammar();
    Renderer renderer = new Renderer();
    Random random = new Random(2026);
    List<Prompt> prompts = new ArrayList<>();
    for (int i = 0; i < COLUMNS; i++) {
      prompts.add(grammar.sample(random));
    }
    List<RgbImage> cells = new ArrayList<>();
    for (int i = 0; i < COLUMNS; i++) {
      cells.add(renderer.render(prompts.get(i), i));
    }
    for (int i = 0; i < COLUMNS; i++) {
      cells.add(renderer.render(prompts.get(i), 100 + i));
    }
    for (Degradation d : Degradation.values()) {
      for (int i = 0; i < COLUMNS; i++) {
        cells.add(renderer.render(prompts.get(i), i, Set.of(d)));
      }
    }
    Map<String, String> text = new LinkedHashMap<>();
    text.put(
        "rows",
        "clean (seed = column), clean (seed = 100 + column), same seeds with "
            + List.of(Degradation.values()));
    for (int i = 0; i < COLUMNS; i++) {
      text.put("column" + (i + 1), prompts.get(i).text());
    }
    RgbImage grid = ImageGrid.compose(cells, COLUMNS, SCALE, 2);
    if (out.getParent() != null) {
      Files.createDirectories(out.getParent());
    }
    Files.write(out, PngCodec.encode(grid, text));
    System.out.println("wrote " + out.toAbsolutePath());
    for (int i = 0; i < COLUMNS; i++) {
      System.out.println("column " + (i + 1) + ": " + prompts.get(i).text());
    }
    return 0;
  }
}
