package prefloop.diffusion.pretrain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.sampler.DdimSampler;
import prefloop.diffusion.sampler.SampleRequest;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.world.ImageGrid;
import prefloop.world.PngCodec;
import prefloop.world.Prompt;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptSplit;
import prefloop.world.RgbImage;

/**
 * Writes a 4×4 PNG grid of samples for a fixed set of held-out prompts and seeds, so grids from
 * different steps (and runs) are comparable image by image.
 */
public final class SampleGridWriter {

  private static final int COUNT = 16;

  private final List<String> prompts;
  private final long[] seeds;
  private final SamplerSettings settings;

  /** 16 held-out prompts drawn with {@code seed}; image i uses seed i. */
  public SampleGridWriter(long seed, SamplerSettings settings) {
    PromptSplit split = new PromptSplit(new PromptGrammar());
    Random random = new Random(seed);
    this.prompts = new ArrayList<>();
    this.seeds = new long[COUNT];
    for (int i = 0; i < COUNT; i++) {
      Prompt prompt = split.sampleHeldOut(random);
      prompts.add(prompt.text());
      seeds[i] = i;
    }
    this.settings = settings;
  }

  /** Samples the grid with {@code model} and writes it to {@code file} (PNG, prompts in text). */
  public void write(DiffusionModel model, Path file) throws IOException {
    List<RgbImage> images;
    try (DdimSampler sampler = new DdimSampler(model)) {
      images = sampler.sample(SampleRequest.of(prompts, seeds, settings)).images();
    }
    RgbImage grid = ImageGrid.compose(images, 4, 3, 2);
    Files.createDirectories(file.getParent());
    Files.write(
        file,
        PngCodec.encode(
            grid,
            Map.of(
                "prompts", String.join(" | ", prompts),
                "sampler", settings.toString())));
  }

  public List<String> prompts() {
    return List.copyOf(prompts);
  }
}
