package prefloop.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Standard normal noise drawn on the host from one stream per image, so an image's x_T and step
 * noise depend only on its own seed: not on the batch it shares, the engine, or the thread.
 */
final class SeededNoise {

  private final SplittableRandom[] streams;
  private final Shape imageShape;

  SeededNoise(long[] seeds, Shape imageShape) {
    this.streams = new SplittableRandom[seeds.length];
    for (int i = 0; i < seeds.length; i++) {
      streams[i] = new SplittableRandom(seeds[i]);
    }
    this.imageShape = imageShape;
  }

  /** The next [N, C, H, W] draw (each image from its own stream). */
  NDArray next(NDManager manager) {
    int plane = Math.toIntExact(imageShape.size());
    float[] values = new float[streams.length * plane];
    for (int i = 0; i < streams.length; i++) {
      for (int j = 0; j < plane; j++) {
        values[i * plane + j] = (float) streams[i].nextGaussian();
      }
    }
    return manager.create(values, new Shape(streams.length).addAll(imageShape));
  }
}
