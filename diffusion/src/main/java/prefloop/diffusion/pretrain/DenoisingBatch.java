package prefloop.diffusion.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.sampler.ImageSpace;
import prefloop.world.CorpusSample;
import prefloop.world.RgbImage;

/**
 * One training batch of the denoising objective, all randomness from a host stream seeded by (root
 * seed, step): clean images x_0 in the model's space, conditions (each prompt replaced by the
 * blank, unconditional one with probability p, for classifier-free guidance), t ~ U{0..T−1}, ε ~
 * N(0, I). Pretraining and the learner's pretraining mix both draw their batches here.
 */
public record DenoisingBatch(NDArray x0, NDArray tokens, NDArray t, NDArray noise) {

  /** A batch of {@code samples} for {@code model}; draws from {@code random} in a fixed order. */
  public static DenoisingBatch of(
      NDManager manager,
      DiffusionModel model,
      List<CorpusSample> samples,
      int timesteps,
      double promptDropout,
      SplittableRandom random) {
    int n = samples.size();
    List<RgbImage> images = samples.stream().map(CorpusSample::image).toList();
    List<String> prompts = new ArrayList<>(n);
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      prompts.add(random.nextDouble() < promptDropout ? "" : samples.get(i).prompt().text());
      t[i] = random.nextInt(timesteps);
    }
    NDArray x0 = model.toModelSpace(ImageSpace.toModel(manager, images));
    float[] noise = new float[Math.toIntExact(x0.size())];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) random.nextGaussian();
    }
    return new DenoisingBatch(
        x0,
        model.condition(manager, prompts),
        manager.create(t).toType(DataType.INT64, false),
        manager.create(noise, x0.getShape()));
  }
}
