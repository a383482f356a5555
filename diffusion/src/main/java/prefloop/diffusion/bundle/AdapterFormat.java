package prefloop.diffusion.bundle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The trainable parameters of a bundle model (its adapters), by name:
 *
 * <pre>
 *   "PFAD" int32 version=1, int32 count, then per parameter:
 *     UTF name, int32 rank, int64[rank] shape, float32[∏shape] values (little-endian)
 * </pre>
 *
 * Reading checks every name and shape against the model, so adapters of another bundle or rank are
 * refused rather than loaded into the wrong tensors.
 */
final class AdapterFormat {

  private static final int MAGIC = 0x50464144; // "PFAD"
  private static final int VERSION = 1;

  private AdapterFormat() {}

  static void write(PairList<String, Parameter> parameters, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(MAGIC);
    data.writeInt(VERSION);
    data.writeInt(parameters.size());
    for (Pair<String, Parameter> named : parameters) {
      NDArray array = named.getValue().getArray();
      data.writeUTF(named.getKey());
      long[] shape = array.getShape().getShape();
      data.writeInt(shape.length);
      for (long side : shape) {
        data.writeLong(side);
      }
      ByteBuffer values = array.toType(DataType.FLOAT32, false).toByteBuffer();
      byte[] bytes = new byte[values.remaining()];
      values.order(ByteOrder.LITTLE_ENDIAN).get(bytes);
      data.write(bytes);
    }
    data.flush();
  }

  static void read(InputStream in, PairList<String, Parameter> parameters, boolean trainable)
      throws IOException {
    DataInputStream data = new DataInputStream(in);
    if (data.readInt() != MAGIC || data.readInt() != VERSION) {
      throw new IOException("not a prefloop adapter file (PFAD version " + VERSION + ")");
    }
    int count = data.readInt();
    if (count != parameters.size()) {
      throw new IOException(
          "the adapter file holds " + count + " tensors, the model " + parameters.size());
    }
    for (Pair<String, Parameter> named : parameters) {
      String name = data.readUTF();
      long[] shape = new long[data.readInt()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = data.readLong();
      }
      NDArray target = named.getValue().getArray();
      if (!name.equals(named.getKey()) || !new Shape(shape).equals(target.getShape())) {
        throw new IOException(
            "adapter "
                + name
                + " "
                + new Shape(shape)
                + " does not fit the model's "
                + named.getKey()
                + " "
                + target.getShape());
      }
      byte[] bytes = new byte[Math.toIntExact(target.getShape().size() * Float.BYTES)];
      data.readFully(bytes);
      target.set(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
      target.setRequiresGradient(trainable);
    }
  }
}
