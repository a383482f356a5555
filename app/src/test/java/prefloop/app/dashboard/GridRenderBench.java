package prefloop.app.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import prefloop.diffusion.checkpoint.CheckpointMetadata;
import prefloop.diffusion.checkpoint.CheckpointWriter;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;

/**
 * Prints how long one sample grid takes with the default UNet (random weights: the cost does not
 * depend on them). Never asserts. Arguments: prompts seeds steps (default 8 4 20).
 */
public final class GridRenderBench {
  private GridRenderBench() {}

  public static void main(String[] args) throws Exception {
    int prompts = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    Path dir = Files.createTempDirectory("grid-bench");
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(UNetConfig.defaults(), 1)) {
      new CheckpointWriter(Map.of(), "bench")
          .write(model, CheckpointMetadata.of("policy", 1, 0, 1), dir);
    }
    GridSpec spec = GridSpec.heldOut(prompts, seeds, steps);
    DdimGridRenderer renderer = new DdimGridRenderer();
    for (int run = 0; run < 3; run++) {
      long start = System.nanoTime();
      byte[] png = renderer.render(dir.toString(), 1, spec).png();
      System.out.printf(
          "grid %d prompts x %d seeds, %d DDIM steps, UNet defaults: %d ms (%d bytes PNG)%n",
          prompts, seeds, steps, (System.nanoTime() - start) / 1_000_000, png.length);
    }
  }
}
