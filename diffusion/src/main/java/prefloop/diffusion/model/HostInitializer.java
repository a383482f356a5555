package prefloop.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * Initial parameter values drawn on the host from a per-parameter seed, so a model built with the
 * same config and seed is bit-identical on every engine, thread and run (the engine's global RNG is
 * never touched).
 *
 * <ul>
 *   <li>weights: He normal, σ = √(2 / fan_in), fan_in = product of all dims but the first; or zeros
 *       where the block asked for a zero-initialised output layer;
 *   <li>biases and GroupNorm shifts (β): 0; GroupNorm scales (γ): 1;
 *   <li>embeddings ({@link Parameter.Type#OTHER}): normal, σ = 1/√dim.
 * </ul>
 */
final class HostInitializer implements Initializer {

  private enum Kind {
    ZEROS,
    ONES,
    HE_NORMAL,
    EMBEDDING
  }

  private final Kind kind;
  private final long seed;

  private HostInitializer(Kind kind, long seed) {
    this.kind = kind;
    this.seed = seed;
  }

  /** The initializer for {@code parameter}, seeded from the model seed and the parameter path. */
  static HostInitializer forParameter(Parameter parameter, String path, long modelSeed) {
    long seed = new SplittableRandom(modelSeed ^ ((long) path.hashCode() << 21)).nextLong();
    Kind kind =
        switch (parameter.getType()) {
          case WEIGHT ->
              parameter.getInitializer() == Initializer.ZEROS ? Kind.ZEROS : Kind.HE_NORMAL;
          case GAMMA -> Kind.ONES;
          case OTHER -> Kind.EMBEDDING;
          default -> Kind.ZEROS;
        };
    return new HostInitializer(kind, seed);
  }

  @Override
  public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
    float[] values = new float[Math.toIntExact(shape.size())];
    SplittableRandom random = new SplittableRandom(seed);
    double std =
        switch (kind) {
          case HE_NORMAL -> Math.sqrt(2.0 / Math.max(1, shape.size() / shape.get(0)));
          case EMBEDDING -> 1.0 / Math.sqrt(shape.get(shape.dimension() - 1));
          default -> 0.0;
        };
    for (int i = 0; i < values.length; i++) {
      values[i] = kind == Kind.ONES ? 1f : (float) (std * random.nextGaussian());
    }
    return manager.create(values, shape).toType(dataType, false);
  }
}
