package prefloop.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import java.util.List;
import prefloop.rater.fidelity.FidelityModel;
import prefloop.world.RgbImage;

/**
 * Features for the Fréchet distance and for diversity: the fidelity CNN's penultimate activations
 * (the hidden dense layer after its ReLU), i.e. the net with its last layer — the attribute logits
 * — removed, as FID drops Inception's classifier. The fidelity net is a {@link SequentialBlock}
 * ({@code prefloop.rater.fidelity.FidelityNet}), so its children are run in order up to the last.
 */
public final class FidelityFeatures {
  private final FidelityModel model;
  private final List<Block> trunk;

  /** Uses {@code model}'s weights; the caller keeps ownership of the model. */
  public FidelityFeatures(FidelityModel model) {
    if (!(model.block() instanceof SequentialBlock sequential)) {
      throw new IllegalStateException(
          "the fidelity net is expected to be a SequentialBlock (FidelityNet.build), was "
              + model.block().getClass().getName());
    }
    List<Block> children = sequential.getChildren().values();
    this.model = model;
    this.trunk = children.subList(0, children.size() - 1);
  }

  /** One feature vector per image ([image][hidden units]). */
  public float[][] of(List<RgbImage> images) {
    int side = model.config().imageSize();
    int plane = 3 * side * side;
    float[][] result = new float[images.size()][];
    int batch = 256;
    for (int from = 0; from < images.size(); from += batch) {
      int to = Math.min(images.size(), from + batch);
      float[] flat = new float[(to - from) * plane];
      for (int i = from; i < to; i++) {
        RgbImage image = images.get(i);
        if (image.width() != side || image.height() != side) {
          throw new IllegalArgumentException(
              "fidelity features need " + side + "×" + side + " images, got " + image);
        }
        System.arraycopy(image.data(), 0, flat, (i - from) * plane, plane);
      }
      synchronized (model) {
        try (NDManager scope = model.manager().newSubManager()) {
          NDList x = new NDList(scope.create(flat, new Shape(to - from, 3, side, side)));
          ParameterStore store = new ParameterStore(scope, false);
          for (Block block : trunk) {
            x = block.forward(store, x, false);
          }
          NDArray features = x.singletonOrThrow();
          int width = (int) features.getShape().get(1);
          float[] values = features.toFloatArray();
          for (int i = 0; i < to - from; i++) {
            float[] row = new float[width];
            System.arraycopy(values, i * width, row, 0, width);
            result[from + i] = row;
          }
        }
      }
    }
    return result;
  }
}
