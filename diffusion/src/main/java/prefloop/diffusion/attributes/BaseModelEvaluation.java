package prefloop.diffusion.attributes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.diffusion.sampler.DdimSampler;
import prefloop.diffusion.sampler.SampleRequest;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.world.CorpusMix;
import prefloop.world.CorpusSample;
import prefloop.world.CorpusSampler;
import prefloop.world.ImageGrid;
import prefloop.world.PngCodec;
import prefloop.world.Prompt;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptSplit;
import prefloop.world.Renderer;
import prefloop.world.RgbImage;

/**
 * Measures a checkpoint on held-out prompts with the pixel attribute checks and compares it with
 * the pretraining corpus (mixed) and clean renders of the same prompts.
 *
 * <p>Usage: {@code BaseModelEvaluation CHECKPOINT_DIR N REPORT.md GRID.png}. Prompt i is drawn
 * (with replacement) from the held-out split with {@code Random(2026)}, image i uses seed i.
 */
@Command(
    name = "evaluate-base",
    mixinStandardHelpOptions = true,
    description =
        "Measures a checkpoint on held-out prompts with the pixel attribute checks, against the corpus and clean renders.")
public final class BaseModelEvaluation implements Callable<Integer> {

  private static final int BATCH = 32;

  @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "the checkpoint folder")
  Path checkpoint;

  @Parameters(index = "1", paramLabel = "N", description = "held-out prompts, one seed each")
  int n;

  @Parameters(index = "2", paramLabel = "REPORT", description = "the Markdown report to write")
  Path report;

  @Parameters(index = "3", paramLabel = "GRID", description = "the PNG sample grid to write")
  Path grid;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BaseModelEvaluation()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PromptSplit split = new PromptSplit(new PromptGrammar());
    Random random = new Random(2026);
    List<Prompt> prompts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      prompts.add(split.sampleHeldOut(random));
    }
    SamplerSettings settings = SamplerSettings.defaults();
    long start = System.nanoTime();
    List<RgbImage> samples = new ArrayList<>();
    String provenance;
    try (LoadedCheckpoint loaded = new CheckpointLoader().load(checkpoint);
        DdimSampler sampler = new DdimSampler(loaded.model())) {
      provenance =
          loaded.manifest().role()
              + " step "
              + loaded.manifest().learnerStep()
              + ", sha256 "
              + loaded.manifest().weightsSha256().substring(0, 12);
      for (int from = 0; from < n; from += BATCH) {
        int to = Math.min(n, from + BATCH);
        List<String> texts = prompts.subList(from, to).stream().map(Prompt::text).toList();
        long[] seeds = new long[to - from];
        for (int i = 0; i < seeds.length; i++) {
          seeds[i] = from + i;
        }
        samples.addAll(sampler.sample(SampleRequest.of(texts, seeds, settings)).images());
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Renderer renderer = new Renderer();
    List<RgbImage> clean = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      clean.add(renderer.render(prompts.get(i), i));
    }
    CorpusSampler corpus =
        new CorpusSampler(split.train(), renderer, CorpusMix.defaults(), 20261124L);
    List<CorpusSample> corpusSamples = corpus.next(n);
    AttributeRates model = AttributeRates.of(prompts, samples);
    AttributeRates renders = AttributeRates.of(prompts, clean);
    AttributeRates mixed =
        AttributeRates.of(
            corpusSamples.stream().map(CorpusSample::prompt).toList(),
            corpusSamples.stream().map(CorpusSample::image).toList());
    Files.createDirectories(grid.toAbsolutePath().getParent());
    List<String> gridPrompts = prompts.subList(0, 32).stream().map(Prompt::text).toList();
    Files.write(
        grid,
        PngCodec.encode(
            ImageGrid.compose(samples.subList(0, 32), 8, 3, 2),
            Map.of("prompts", String.join(" | ", gridPrompts), "sampler", settings.toString())));
    String text =
        String.join(
            "\n",
            AttributeRates.markdownHeader(),
            model.markdownRow("base model samples (" + provenance + ")"),
            mixed.markdownRow("pretraining corpus (mixed quality, train prompts)"),
            renders.markdownRow("clean renders of the same prompts"),
            "",
            "Sampler: " + settings + "; sampling took " + String.format("%.0f s", seconds) + ".",
            "Quality flags of the samples (fraction): " + model.flags(),
            "Quality flags of the corpus (fraction): " + mixed.flags(),
            "",
            "Grid (first 32 prompts, 8 per row): " + String.join(" | ", gridPrompts),
            "");
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, text, StandardCharsets.UTF_8);
    System.out.println(text);
    return 0;
  }
}
