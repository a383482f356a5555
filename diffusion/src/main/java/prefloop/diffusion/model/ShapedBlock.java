package prefloop.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Base of the UNet's blocks: every parameter's shape is fixed at construction from the {@link
 * UNetConfig}, so initialisation needs no shape inference and children are initialised with
 * whatever shapes the parent received.
 *
 * <p>Forward passes read {@link Parameter#getArray()} directly rather than through a {@link
 * ParameterStore} cache, so an in-place update of a parameter array (an EMA merge, a load) is seen
 * by the next forward pass without any refresh.
 */
abstract class ShapedBlock extends AbstractBlock {

  ShapedBlock() {
    super((byte) 1);
  }

  /** Forward pass on a single tensor; blocks with more inputs define their own method. */
  NDArray apply(NDArray x) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " needs more inputs");
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    return new NDList(apply(inputs.singletonOrThrow()));
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... shapes) {
    for (Block child : getChildren().values()) {
      child.initialize(manager, dataType, shapes);
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    throw new UnsupportedOperationException("shape inference is not supported by the UNet blocks");
  }

  static Parameter weight(String name, Shape shape, boolean zeroInit) {
    Parameter.Builder builder =
        Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape);
    if (zeroInit) {
      builder.optInitializer(ai.djl.training.initializer.Initializer.ZEROS);
    }
    return builder.build();
  }

  static Parameter bias(String name, long size) {
    return Parameter.builder()
        .setName(name)
        .setType(Parameter.Type.BIAS)
        .optShape(new Shape(size))
        .build();
  }
}
