package prefloop.diffusion.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * AdamW (Loshchilov &amp; Hutter 2019) over a model's trainable parameters, with a state that can
 * be saved and restored, so that a restart or a rollback continues with the moments it had instead
 * of a cold optimiser (DJL cannot serialise its own optimisers' state). Each step runs the engine's
 * fused Adam kernel, the one DJL's own {@code AdamW} calls, on moments this class owns:
 *
 * <pre>
 *   m ← β₁·m + (1 − β₁)·g,   v ← β₂·v + (1 − β₂)·g²
 *   w ← w − lr·( √(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε)  +  wd·w )
 * </pre>
 *
 * Parameters without a gradient are left alone; the kernel zeroes each gradient it uses. The
 * moments live in their own manager; {@link #close()} frees them.
 */
public final class AdamW implements AutoCloseable {

  private static final int MAGIC = 0x50464f50; // "PFOP"
  private static final int VERSION = 1;

  /**
   * @param beta1 first-moment decay, in [0, 1)
   * @param beta2 second-moment decay, in [0, 1)
   * @param epsilon added to √v̂, &gt; 0
   * @param weightDecay decoupled weight decay, ≥ 0
   */
  public record Settings(double beta1, double beta2, double epsilon, double weightDecay) {

    public Settings {
      if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
        throw new IllegalArgumentException(
            "AdamW betas (" + beta1 + ", " + beta2 + ") must be in [0, 1)");
      }
      if (!(epsilon > 0) || !(weightDecay >= 0)) {
        throw new IllegalArgumentException(
            "AdamW epsilon = " + epsilon + " must be > 0, weight decay = " + weightDecay + " >= 0");
      }
    }

    /** β = (0.9, 0.999), ε = 1e-8, with {@code weightDecay}. */
    public static Settings withDecay(double weightDecay) {
      return new Settings(0.9, 0.999, 1e-8, weightDecay);
    }
  }

  private final List<Parameter> parameters;
  private final Settings settings;
  private final NDManager manager;
  private final NDArray[] first;
  private final NDArray[] second;
  private long steps;

  /** An optimiser with zero moments for {@code model}'s trainable parameters. */
  public AdamW(DiffusionModel model, Settings settings) {
    this.parameters = List.copyOf(model.parameters());
    this.settings = settings;
    this.manager = model.manager().newSubManager();
    this.first = new NDArray[parameters.size()];
    this.second = new NDArray[parameters.size()];
    for (int i = 0; i < parameters.size(); i++) {
      Shape shape = parameters.get(i).getArray().getShape();
      first[i] = manager.zeros(shape, DataType.FLOAT32);
      second[i] = manager.zeros(shape, DataType.FLOAT32);
    }
  }

  /** Optimiser steps taken (t of the bias corrections). */
  public long steps() {
    return steps;
  }

  /** One step at learning rate {@code learningRate} from the gradients left by a backward pass. */
  public void step(double learningRate) {
    steps++;
    // the kernel takes the learning rate and the bias-corrected one, as DJL's AdamW passes them
    float corrected =
        (float)
            (learningRate
                * Math.sqrt(1 - Math.pow(settings.beta2(), steps))
                / (1 - Math.pow(settings.beta1(), steps)));
    for (int i = 0; i < parameters.size(); i++) {
      NDArray weight = parameters.get(i).getArray();
      if (!weight.hasGradient()) {
        continue;
      }
      try (NDArray gradient = weight.getGradient()) {
        weight
            .getNDArrayInternal()
            .adamUpdate(
                new NDList(weight, gradient, first[i], second[i]),
                new NDList(weight),
                (float) learningRate,
                corrected,
                (float) settings.weightDecay(),
                1f,
                -1f,
                (float) settings.beta1(),
                (float) settings.beta2(),
                (float) settings.epsilon(),
                true,
                true);
      }
    }
  }

  /** Writes the step count and both moments (float32, little-endian), parameter by parameter. */
  public void save(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(MAGIC);
    data.writeInt(VERSION);
    data.writeLong(steps);
    data.writeInt(parameters.size());
    for (int i = 0; i < parameters.size(); i++) {
      data.writeLong(first[i].size());
      write(data, first[i]);
      write(data, second[i]);
    }
    data.flush();
  }

  /**
   * Restores what {@link #save} wrote for the same parameters; refuses anything else, and changes
   * nothing unless the whole state reads.
   */
  public void load(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    if (data.readInt() != MAGIC || data.readInt() != VERSION) {
      throw new IOException("not a prefloop optimiser state (PFOP version " + VERSION + ")");
    }
    long restoredSteps = data.readLong();
    int count = data.readInt();
    if (count != parameters.size()) {
      throw new IOException(
          "the optimiser state holds " + count + " parameters, the model " + parameters.size());
    }
    byte[][] moments = new byte[2 * count][];
    for (int i = 0; i < count; i++) {
      long size = data.readLong();
      if (size != first[i].size()) {
        throw new IOException(
            "the optimiser state of parameter "
                + i
                + " has "
                + size
                + " values, not "
                + first[i].size());
      }
      moments[2 * i] = new byte[Math.toIntExact(size * Float.BYTES)];
      data.readFully(moments[2 * i]);
      moments[2 * i + 1] = new byte[Math.toIntExact(size * Float.BYTES)];
      data.readFully(moments[2 * i + 1]);
    }
    // all or nothing: nothing changes until the whole state has been read
    for (int i = 0; i < count; i++) {
      first[i].set(ByteBuffer.wrap(moments[2 * i]).order(ByteOrder.LITTLE_ENDIAN));
      second[i].set(ByteBuffer.wrap(moments[2 * i + 1]).order(ByteOrder.LITTLE_ENDIAN));
    }
    steps = restoredSteps;
  }

  private static void write(DataOutputStream data, NDArray array) throws IOException {
    ByteBuffer values = array.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    byte[] bytes = new byte[values.remaining()];
    values.get(bytes);
    data.write(bytes);
  }

  @Override
  public void close() {
    manager.close();
  }
}
