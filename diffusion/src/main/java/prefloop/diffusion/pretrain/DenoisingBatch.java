package prefloop.diffusion.pretrain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.sampler.ImageSpace;
import prefloop.world.CorpusSample;
import prefloop.world.RgbImage;

/**
 * One training batch of the denoising objective, all randomness from a host stream seeded by (root
 * seed, step): clean images x_0 in [−1,1], tokens (each replaced by the EMPTY prompt with
 * probability p, for classifier-free guidance), t ~ U{0..T−1}, ε ~ N(0, I).
 */
record DenoisingBatch(NDArray x0, NDArray tokens, NDArray t, NDArray noise) {

  static DenoisingBatch of(
      NDManager manager,
      ToyDiffusionModel model,
      List<CorpusSample> samples,
      int timesteps,
      double promptDropout,
      SplittableRandom random) {
    int n = samples.size();
    List<RgbImage> images = samples.stream().map(CorpusSample::image).toList();
    int length = model.config().maxTokens();
    int[] tokens = new int[n * length];
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      int[] encoded =
          random.nextDouble() < promptDropout
              ? model.tokenizer().encodeEmpty()
              : model.tokenizer().encode(samples.get(i).prompt());
      System.arraycopy(encoded, 0, tokens, i * length, length);
      t[i] = random.nextInt(timesteps);
    }
    NDArray x0 = ImageSpace.toModel(manager, images);
    float[] noise = new float[Math.toIntExact(x0.size())];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) random.nextGaussian();
    }
    return new DenoisingBatch(
        x0,
        manager.create(tokens, new Shape(n, length)),
        manager.create(t).toType(DataType.INT64, false),
        manager.create(noise, x0.getShape()));
  }
}
