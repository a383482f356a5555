package prefloop.diffusion.sampler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import prefloop.world.RgbImage;

/** Pixel convention: {@link RgbImage} holds [0, 1]; the model works in [−1, 1], x = 2·rgb − 1. */
public final class ImageSpace {

  private ImageSpace() {}

  /** Images (all the same size) as a model-space batch [N, 3, H, W] in {@code manager}. */
  public static NDArray toModel(NDManager manager, List<RgbImage> images) {
    RgbImage first = images.get(0);
    int plane = RgbImage.CHANNELS * first.width() * first.height();
    float[] flat = new float[images.size() * plane];
    for (int i = 0; i < images.size(); i++) {
      float[] data = images.get(i).data();
      if (data.length != plane) {
        throw new IllegalArgumentException("all images of a batch must have the same size");
      }
      for (int j = 0; j < plane; j++) {
        flat[i * plane + j] = 2f * data[j] - 1f;
      }
    }
    return manager.create(
        flat, new Shape(images.size(), RgbImage.CHANNELS, first.height(), first.width()));
  }

  /** A model-space batch [N, 3, H, W] as images, clipped to [0, 1] (one device→host copy). */
  public static List<RgbImage> toImages(NDArray batch) {
    Shape shape = batch.getShape();
    int n = Math.toIntExact(shape.get(0));
    int height = Math.toIntExact(shape.get(2));
    int width = Math.toIntExact(shape.get(3));
    float[] flat = batch.add(1f).div(2f).clip(0f, 1f).toFloatArray();
    int plane = RgbImage.CHANNELS * width * height;
    List<RgbImage> images = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float[] data = new float[plane];
      System.arraycopy(flat, i * plane, data, 0, plane);
      images.add(RgbImage.clamped(width, height, data));
    }
    return images;
  }
}
