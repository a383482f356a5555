package prefloop.generator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.CheckpointManifest;
import prefloop.diffusion.model.SampleGeometry;
import prefloop.diffusion.model.UNetConfig;
import prefloop.generator.TinyCheckpoints;
import prefloop.generator.sampling.ServingModel;
import prefloop.schemas.avro.ModelUpdate;

class CheckpointFetcherTest {
  private final CheckpointFetcher fetcher = new CheckpointFetcher(new CheckpointLoader());

  @Test
  void aVerifiedCheckpointIsServedUnderTheUpdatesVersion(@TempDir Path dir) throws Exception {
    CheckpointManifest manifest = TinyCheckpoints.write(dir, 5, 1);

    try (ServingModel model =
        fetcher.fetch(TinyCheckpoints.update(manifest, dir.toUri().toString(), 5), tiny())) {
      assertThat(model.version()).isEqualTo(5);
      assertThat(model.model().geometry()).isEqualTo(tiny());
    }
  }

  @Test
  void tamperedWeightsAreRejectedAsHashMismatch(@TempDir Path dir) throws Exception {
    CheckpointManifest manifest = TinyCheckpoints.write(dir, 5, 1);
    TinyCheckpoints.tamper(dir, manifest);

    assertRejected(
        TinyCheckpoints.update(manifest, dir.toString(), 5), tiny(), RejectReason.SHA256_MISMATCH);
  }

  @Test
  void anUpdateWhoseHashDiffersFromTheManifestIsRejected(@TempDir Path dir) throws Exception {
    CheckpointManifest manifest = TinyCheckpoints.write(dir, 5, 1);
    ModelUpdate update = TinyCheckpoints.update(manifest, dir.toString(), 5);
    update.setSha256("00".repeat(32));

    assertRejected(update, tiny(), RejectReason.SHA256_MISMATCH);
  }

  @Test
  void missingAndUnreachableCheckpointsAreRejectedAsUnreachable(@TempDir Path dir)
      throws Exception {
    CheckpointManifest manifest = TinyCheckpoints.write(dir, 5, 1);

    String missing = dir.resolve("nope").toString();
    assertRejected(TinyCheckpoints.update(manifest, missing, 5), tiny(), RejectReason.UNREACHABLE);
    String unreachable = "http://127.0.0.1:1/ckpt";
    assertRejected(
        TinyCheckpoints.update(manifest, unreachable, 5), tiny(), RejectReason.UNREACHABLE);
  }

  @Test
  void anotherImageSizeIsIncompatible(@TempDir Path dir) throws Exception {
    CheckpointManifest manifest = TinyCheckpoints.write(dir, 5, 1);
    SampleGeometry bigger = new SampleGeometry(3, 32, 32);

    assertRejected(
        TinyCheckpoints.update(manifest, dir.toString(), 5), bigger, RejectReason.INCOMPATIBLE);
  }

  private void assertRejected(ModelUpdate update, SampleGeometry geometry, RejectReason reason) {
    assertThatThrownBy(() -> fetcher.fetch(update, geometry))
        .isInstanceOfSatisfying(
            CheckpointRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private static SampleGeometry tiny() {
    UNetConfig tiny = UNetConfig.tiny();
    return new SampleGeometry(tiny.imageChannels(), tiny.imageSize(), tiny.imageSize());
  }
}
