package prefloop.evaluation;

import java.util.ArrayList;
import java.util.List;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.sampler.DdimSampler;
import prefloop.diffusion.sampler.SampleRequest;
import prefloop.world.RgbImage;

/**
 * Samples a model's images for the evaluation set in batches. Each image depends only on (weights,
 * prompt, seed, sampler settings) — the diffusion module seeds every image on its own — so batch
 * boundaries never change a result.
 */
public final class ImageSampler {
  private final EvalSettings settings;

  public ImageSampler(EvalSettings settings) {
    this.settings = settings;
  }

  /** The images of {@code items} from {@code model}, in item order. */
  public List<RgbImage> sample(DiffusionModel model, EvalPromptSet items) {
    List<String> texts = items.texts();
    long[] seeds = items.seeds();
    List<RgbImage> images = new ArrayList<>(texts.size());
    try (DdimSampler sampler = new DdimSampler(model)) {
      for (int from = 0; from < texts.size(); from += settings.batch()) {
        int to = Math.min(texts.size(), from + settings.batch());
        long[] chunk = new long[to - from];
        System.arraycopy(seeds, from, chunk, 0, chunk.length);
        images.addAll(
            sampler
                .sample(SampleRequest.of(texts.subList(from, to), chunk, settings.sampler()))
                .images());
      }
    }
    return images;
  }
}
