package prefloop.app.dashboard;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import prefloop.diffusion.bundle.BundleModelFactory;
import prefloop.diffusion.bundle.ModelBundles;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.sampler.DdimSampler;
import prefloop.diffusion.sampler.SampleRequest;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.diffusion.sampler.TimestepSpacing;
import prefloop.world.ImageGrid;
import prefloop.world.PngCodec;
import prefloop.world.RgbImage;

/**
 * Loads a checkpoint, samples the grid with deterministic DDIM (η = 0, so two versions differ only
 * by their weights) and encodes it as a PNG with the prompts, seeds and version as text chunks.
 * Columns are prompts, rows seeds; cells are upscaled to about 96 pixels. The images come back too,
 * in {@link GridSpec#cellPrompts()} order, for the learning curve. When the base is a model bundle,
 * the base grid is the bundle itself and every later version its adapters on that base.
 */
final class DdimGridRenderer implements GridRenderer {
  private static final int CELL_PIXELS = 96;
  private static final double GUIDANCE = 2.0;

  private final BundleModelFactory bundle;
  private final CheckpointLoader loader;

  /** A renderer of toy UNet checkpoints. */
  DdimGridRenderer() {
    this.bundle = null;
    this.loader = new CheckpointLoader();
  }

  /** A renderer of the checkpoints of the model at {@code base}: a checkpoint or a bundle. */
  static DdimGridRenderer forBase(String base) {
    return ModelBundles.isBundle(base)
        ? new DdimGridRenderer(BundleModelFactory.open(Path.of(base), null))
        : new DdimGridRenderer();
  }

  private DdimGridRenderer(BundleModelFactory bundle) {
    this.bundle = bundle;
    this.loader = new CheckpointLoader(bundle);
  }

  private DiffusionModel load(String location) throws Exception {
    if (bundle != null && ModelBundles.isBundle(location)) {
      return bundle.initial();
    }
    return loader.load(location).model();
  }

  @Override
  public RenderedGrid render(String location, long version, GridSpec spec) throws Exception {
    int columns = spec.prompts().size();
    List<String> prompts = spec.cellPrompts();
    long[] seeds = spec.cellSeeds();
    SamplerSettings settings =
        new SamplerSettings(spec.steps(), 0.0, GUIDANCE, TimestepSpacing.TRAILING, true);
    List<RgbImage> images;
    try (DiffusionModel model = load(location);
        DdimSampler sampler = new DdimSampler(model)) {
      images = sampler.sample(SampleRequest.of(prompts, seeds, settings)).images();
    }
    int scale = Math.max(1, CELL_PIXELS / images.get(0).width());
    RgbImage grid = ImageGrid.compose(images, columns, scale, 2);
    byte[] png =
        PngCodec.encode(
            grid,
            Map.of(
                "policy_version", Long.toString(version),
                "prompts", String.join(" | ", spec.prompts()),
                "seeds", spec.seeds().toString(),
                "sampler", settings.toString()));
    return new RenderedGrid(png, images);
  }
}
