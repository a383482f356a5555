package prefloop.generator.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.diffusion.sampler.TimestepSpacing;
import prefloop.generator.sampling.TrajectoryData;
import prefloop.schemas.avro.Trajectory;

class TrajectoryEncoderTest {

  private static TrajectoryData data() {
    // 2 images, 2 frames, 1 channel of 1×2 pixels: values 0..7 in [image, frame, pixel] order.
    float[][][] latents = {{{0, 1}, {2, 3}}, {{4, 5}, {6, 7}}};
    return new TrajectoryData(
        new int[] {999},
        new int[] {-1},
        latents,
        new float[][] {{-1.5f}, {-2.5f}},
        true,
        TimestepSpacing.TRAILING,
        1,
        1,
        2);
  }

  @Test
  void smallTrajectoriesTravelInlineAsLittleEndianFloatsInImageFrameOrder(@TempDir Path dir) {
    Trajectory trajectory = new TrajectoryEncoder(1024, new BlobStore(dir, 4)).encode("p1", data());

    assertThat(trajectory.getBlobUri()).isNull();
    assertThat(trajectory.getShape()).containsExactly(2, 2, 1, 1, 2);
    assertThat(trajectory.getTimesteps()).containsExactly(999);
    assertThat(trajectory.getLogProbs().get(1)).containsExactly(-2.5);
    ByteBuffer bytes = trajectory.getLatents().order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 8; i++) {
      assertThat(bytes.getFloat(4 * i)).isEqualTo((float) i);
    }
  }

  @Test
  void largeTrajectoriesGoToABlobReferencedByUri(@TempDir Path dir) throws Exception {
    BlobStore blobs = new BlobStore(dir, 4);
    blobs.setBaseUrl("http://gen:8081");

    Trajectory trajectory = new TrajectoryEncoder(16, blobs).encode("p1", data());

    assertThat(trajectory.getLatents()).isNull();
    assertThat(trajectory.getBlobUri()).isEqualTo("http://gen:8081/blobs/p1.latents");
    assertThat(Files.readAllBytes(blobs.find("p1.latents").orElseThrow()))
        .isEqualTo(TrajectoryEncoder.latentBytes(data()));
  }

  @Test
  void onlyTheNewestBlobsAreKept(@TempDir Path dir) {
    BlobStore blobs = new BlobStore(dir, 2);
    blobs.put("a", new byte[1]);
    blobs.put("b", new byte[1]);
    blobs.put("c", new byte[1]);

    assertThat(blobs.find("a")).isEmpty();
    assertThat(blobs.find("c")).isPresent();
    assertThat(blobs.find("../etc")).isEmpty();
  }
}
