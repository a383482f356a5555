package prefloop.generator.publish;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import prefloop.generator.sampling.TrajectoryData;
import prefloop.schemas.avro.Trajectory;

/**
 * Turns sampled trajectories into the {@link Trajectory} message part: latents as float32
 * little-endian laid out [image, frame, C, H, W], inline up to {@code inlineLimit} bytes, else
 * written to the {@link BlobStore} and referenced by URI.
 */
public record TrajectoryEncoder(int inlineLimit, BlobStore blobs) {
  /** The message part for the trajectories of pair {@code pairId}. */
  public Trajectory encode(String pairId, TrajectoryData data) {
    byte[] latents = latentBytes(data);
    Trajectory.Builder builder =
        Trajectory.newBuilder()
            .setShape(
                List.of(
                    data.latents().length,
                    data.frames(),
                    data.channels(),
                    data.height(),
                    data.width()))
            .setTimesteps(boxed(data.timesteps()))
            .setLogProbs(logProbs(data.logProbs()))
            .setPreviousTimesteps(boxed(data.previousTimesteps()))
            .setClipSample(data.clipped())
            .setSpacing(data.spacing().name());
    if (latents.length <= inlineLimit) {
      builder.setLatents(ByteBuffer.wrap(latents)).setBlobUri(null);
    } else {
      builder.setLatents(null).setBlobUri(blobs.put(pairId + ".latents", latents));
    }
    return builder.build();
  }

  /** Latents as float32 little-endian, [image, frame, C·H·W]. */
  public static byte[] latentBytes(TrajectoryData data) {
    ByteBuffer buffer =
        ByteBuffer.allocate(Math.toIntExact(data.latentBytes())).order(ByteOrder.LITTLE_ENDIAN);
    for (float[][] image : data.latents()) {
      for (float[] frame : image) {
        buffer.asFloatBuffer().put(frame);
        buffer.position(buffer.position() + 4 * frame.length);
      }
    }
    return buffer.array();
  }

  private static List<Integer> boxed(int[] values) {
    List<Integer> result = new ArrayList<>(values.length);
    for (int v : values) {
      result.add(v);
    }
    return result;
  }

  private static List<List<Double>> logProbs(float[][] values) {
    List<List<Double>> result = new ArrayList<>(values.length);
    for (float[] image : values) {
      List<Double> steps = new ArrayList<>(image.length);
      for (float v : image) {
        steps.add((double) v);
      }
      result.add(steps);
    }
    return result;
  }
}
