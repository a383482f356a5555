package prefloop.generator.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.sampler.DdimStep;
import prefloop.diffusion.sampler.DdimTimesteps;
import prefloop.diffusion.sampler.ImageSpace;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.diffusion.sampler.StepDistribution;
import prefloop.diffusion.schedule.ScheduleTensors;

/**
 * Stochastic DDIM (η &gt; 0) in which images may share their initial noise x_T, recording every
 * frame and the log-probability of every step (for D3PO-style objectives):
 *
 * <pre>
 *   x_T^(i)      = z_0^(start(i))                       (first draw of image start(i)'s stream)
 *   x_prev^(i)   = mean_θ(x_t^(i), t) + σ_t · z_k^(i)   (k-th draw of image i's own stream)
 *   log p^(i)_k  = mean_d log N(x_prev^(i); mean, σ_t²)
 * </pre>
 *
 * The noise follows the diffusion module's DdimSampler convention (image i's stream is {@code
 * SplittableRandom(seeds[i])}, standard normals in C·H·W order: x_T first, then one draw per step),
 * so an image whose start is itself equals what DdimSampler draws for that seed. The diffusion
 * sampler cannot share x_T between seeds, hence this class.
 */
final class SharedStartSampler {

  private SharedStartSampler() {}

  /**
   * @param model the model
   * @param tensors the schedule uploaded for {@code model}
   * @param prompts one per image
   * @param seeds one per image
   * @param startFrom for each image, the index of the image whose x_T it starts from
   * @param settings η must be &gt; 0
   */
  static Result sample(
      DiffusionModel model,
      ScheduleTensors tensors,
      List<String> prompts,
      long[] seeds,
      int[] startFrom,
      SamplerSettings settings) {
    int n = prompts.size();
    int size = model.geometry().size();
    int channels = model.geometry().channels();
    Shape shape = new Shape(n, channels, size, size);
    int plane = channels * size * size;
    int total = tensors.schedule().timesteps();
    int[] timesteps = DdimTimesteps.of(total, settings.steps(), settings.spacing());
    boolean clip = settings.clipSample() && model.clipsToImageRange();
    int[] previous = DdimTimesteps.previous(total, timesteps);
    SplittableRandom[] streams = new SplittableRandom[n];
    for (int i = 0; i < n; i++) {
      streams[i] = new SplittableRandom(seeds[i]);
    }
    try (NDManager run = model.manager().newSubManager()) {
      float[] own = draw(streams, plane);
      float[] start = new float[n * plane];
      for (int i = 0; i < n; i++) {
        System.arraycopy(own, startFrom[i] * plane, start, i * plane, plane);
      }
      NDArray x = run.create(start, shape);
      NDArray tokens = model.condition(run, prompts);
      NDArray empty = model.condition(run, Collections.nCopies(n, ""));
      NDList frames = new NDList(x);
      NDList logProbs = new NDList();
      for (int k = 0; k < timesteps.length; k++) {
        try (NDManager step = run.newSubManager()) {
          NDArray t = step.full(new Shape(n), timesteps[k], DataType.INT32);
          NDArray tPrev = step.full(new Shape(n), previous[k], DataType.INT32);
          NDArray eps = guided(model, x, t, tokens, empty, settings.guidanceScale());
          StepDistribution p =
              DdimStep.distribution(tensors, eps, x, t, tPrev, settings.eta(), clip);
          NDArray next = p.mean().add(p.std().mul(step.create(draw(streams, plane), shape)));
          NDArray logProb = DdimStep.gaussianLogProb(next, p.mean(), p.std());
          logProb.attach(run);
          logProbs.add(logProb);
          next.attach(run);
          x = next;
          frames.add(x);
        }
      }
      return new Result(
          ImageSpace.toImages(model.toImageSpace(x)),
          timesteps,
          previous,
          perImage(NDArrays.stack(frames, 1).toFloatArray(), n, frames.size(), plane),
          perImage(NDArrays.stack(logProbs, 1).toFloatArray(), n, logProbs.size(), 1),
          clip);
    }
  }

  /**
   * What was sampled: images, visited timesteps and the t_prev of each, frames [i][k][plane],
   * log-probs [i][k], and whether x̂_0 was clipped.
   */
  record Result(
      List<prefloop.world.RgbImage> images,
      int[] timesteps,
      int[] previousTimesteps,
      float[][][] frames,
      float[][][] logProbs,
      boolean clipped) {

    float[][] logProbMatrix() {
      float[][] result = new float[logProbs.length][];
      for (int i = 0; i < logProbs.length; i++) {
        result[i] = new float[logProbs[i].length];
        for (int k = 0; k < logProbs[i].length; k++) {
          result[i][k] = logProbs[i][k][0];
        }
      }
      return result;
    }
  }

  /** ε = ε_u + w·(ε_c − ε_u), both branches as one batch; w = 1 runs only ε_c. */
  private static NDArray guided(
      DiffusionModel model, NDArray x, NDArray t, NDArray tokens, NDArray empty, double scale) {
    if (scale == 1.0) {
      return model.predictNoise(x, t, tokens);
    }
    long n = x.getShape().get(0);
    NDArray both = model.predictNoise(x.concat(x, 0), t.concat(t, 0), tokens.concat(empty, 0));
    NDList halves = both.split(new long[] {n}, 0);
    NDArray unconditional = halves.get(1);
    return unconditional.add(halves.get(0).sub(unconditional).mul((float) scale));
  }

  private static float[] draw(SplittableRandom[] streams, int plane) {
    float[] values = new float[streams.length * plane];
    for (int i = 0; i < streams.length; i++) {
      for (int j = 0; j < plane; j++) {
        values[i * plane + j] = (float) streams[i].nextGaussian();
      }
    }
    return values;
  }

  private static float[][][] perImage(float[] flat, int n, int frames, int plane) {
    List<float[][]> images = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float[][] image = new float[frames][plane];
      for (int k = 0; k < frames; k++) {
        System.arraycopy(flat, (i * frames + k) * plane, image[k], 0, plane);
      }
      images.add(image);
    }
    return images.toArray(new float[0][][]);
  }
}
