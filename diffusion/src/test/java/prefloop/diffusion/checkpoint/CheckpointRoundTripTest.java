package prefloop.diffusion.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;

class CheckpointRoundTripTest {

  @TempDir Path dir;

  private CheckpointManifest write(DiffusionModel model) throws IOException {
    CheckpointMetadata metadata =
        new CheckpointMetadata(
            "policy", 7, 6, 1234, 99, Map.of("preferences-0", 42L), Map.of("note", "test"));
    return new CheckpointWriter(Map.of("djl", "0.36.0", "pytorch", "2.7.1"), "abc123")
        .write(model, metadata, dir);
  }

  @Test
  void roundTripIsBitExactAndKeepsTheManifest() throws Exception {
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 3)) {
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

  @Test
  void aFlippedByteIsRejectedBeforeAnythingIsBuilt() throws Exception {
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 3)) {
      write(model);
    }
    Path weights = dir.resolve("weights.params");
    byte[] bytes = Files.readAllBytes(weights);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(weights, bytes);
    assertThatThrownBy(() -> new CheckpointLoader().load(dir))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("sha256");
  }

  @Test
  void aTruncatedFileIsRejected() throws Exception {
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 3)) {
      write(model);
    }
    Path weights = dir.resolve("weights.params");
    byte[] bytes = Files.readAllBytes(weights);
    Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length - 100));
    assertThatThrownBy(() -> new CheckpointLoader().load(dir))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void loadsOverHttp() throws Exception {
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 3)) {
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
