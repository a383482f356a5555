package prefloop.diffusion.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;

class CheckpointRoundTripTest {

  @TempDir Path dir;

  private static DiffusionModel tinyModel() {
    return ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 3);
  }

  private CheckpointManifest write(DiffusionModel model) throws IOException {
    CheckpointMetadata metadata =
        new CheckpointMetadata(
            "policy", 7, 6, 1234, 99, Map.of("preferences-0", 42L), Map.of("note", "test"));
    return new CheckpointWriter(Map.of("djl", "0.36.0", "pytorch", "2.7.1"), "abc123")
        .write(model, metadata, dir);
  }

  @Test
  void roundTripIsBitExactAndKeepsTheManifest() throws Exception {
    try (DiffusionModel model = tinyModel()) {
      CheckpointManifest written = write(model);
      try (LoadedCheckpoint loaded = new CheckpointLoader().load(dir)) {
        assertThat(loaded.manifest()).isEqualTo(written);
        assertThat(loaded.manifest().consumerOffsets()).containsEntry("preferences-0", 42L);
        assertThat(loaded.manifest().architecture()).isEqualTo(UNetConfig.tiny());
        assertThat(loaded.manifest().weightsBytes())
            .isEqualTo(Files.size(dir.resolve("weights.params")));
        prefloop.diffusion.model.DiffusionModelTestSupport.assertSameWeights(model, loaded.model());
      }
    }
  }

  /** Writes a tiny checkpoint, then replaces its weights file by {@code corrupt} of its bytes. */
  private void writeCorrupted(UnaryOperator<byte[]> corrupt) throws IOException {
    try (DiffusionModel model = tinyModel()) {
      write(model);
    }
    Path weights = dir.resolve("weights.params");
    Files.write(weights, corrupt.apply(Files.readAllBytes(weights)));
  }

  private void assertRejectedAsCorrupt(String reason) {
    assertThatThrownBy(() -> new CheckpointLoader().load(dir))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void aFlippedByteIsRejectedBeforeAnythingIsBuilt() throws Exception {
    writeCorrupted(
        bytes -> {
          bytes[bytes.length / 2] ^= 0x01;
          return bytes;
        });
    assertRejectedAsCorrupt("sha256");
  }

  @Test
  void aTruncatedFileIsRejected() throws Exception {
    writeCorrupted(bytes -> Arrays.copyOf(bytes, bytes.length - 100));
    assertRejectedAsCorrupt("truncated");
  }

  @Test
  void loadsOverHttp() throws Exception {
    try (DiffusionModel model = tinyModel()) {
      write(model);
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/ckpt/",
          exchange -> {
            Path file =
                dir.resolve(exchange.getRequestURI().getPath().substring("/ckpt/".length()));
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
      try (LoadedCheckpoint loaded =
          new CheckpointLoader()
              .load("http://127.0.0.1:" + server.getAddress().getPort() + "/ckpt")) {
        prefloop.diffusion.model.DiffusionModelTestSupport.assertSameWeights(model, loaded.model());
      } finally {
        server.stop(0);
      }
    }
  }
}
