package prefloop.rater.fidelity;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;

/** Builds the fidelity CNN: (N, 3, S, S) images in [0,1] → (N, {@link AttributeHeads#WIDTH}). */
public final class FidelityNet {
  private FidelityNet() {}

  public static Block build(FidelityNetConfig config) {
    return new SequentialBlock()
        .add(stage(config.channels1(), config.averagePooling()))
        .add(stage(config.channels2(), config.averagePooling()))
        .add(stage(config.channels3(), config.averagePooling()))
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(config.hidden()).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits(AttributeHeads.WIDTH).build());
  }

  private static Block stage(int filters, boolean average) {
    Shape two = new Shape(2, 2);
    return new SequentialBlock()
        .add(
            Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .build())
        .add(Activation.reluBlock())
        .add(average ? Pool.avgPool2dBlock(two, two) : Pool.maxPool2dBlock(two, two));
  }

  /** The input shape for a batch of {@code n}. */
  public static Shape inputShape(FidelityNetConfig config, int n) {
    return new Shape(n, 3, config.imageSize(), config.imageSize());
  }
}
