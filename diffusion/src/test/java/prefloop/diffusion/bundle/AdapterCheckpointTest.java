package prefloop.diffusion.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.CheckpointManifest;
import prefloop.diffusion.checkpoint.CheckpointMetadata;
import prefloop.diffusion.checkpoint.CheckpointWriter;
import prefloop.diffusion.checkpoint.CorruptCheckpointException;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.diffusion.checkpoint.WeightsKind;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;

/** A bundle model's checkpoint holds its adapters only and names the base they belong to. */
class AdapterCheckpointTest {

  private static final Path FIXTURE = TorchScriptDiffusionModelTest.FIXTURE;

  @Test
  void adaptersRoundTripOntoTheSameBundleAndNameTheirBase(@TempDir Path dir) throws Exception {
    BundleModelFactory factory = new BundleModelFactory(FIXTURE, null);
    CheckpointManifest written;
    float[] expected;
    try (TorchScriptDiffusionModel model = factory.initial()) {
      Parameter first = model.parameters().get(0);
      first.getArray().addi(0.25f);
      expected = first.getArray().toFloatArray();
      written = new CheckpointWriter().write(model, CheckpointMetadata.of("policy", 3, 40, 1), dir);
    }

    try (LoadedCheckpoint loaded = new CheckpointLoader(factory).load(dir)) {
      assertThat(written.weightsKind()).isEqualTo(WeightsKind.ADAPTER);
      assertThat(written.baseSha256()).isEqualTo(factory.identity());
      assertThat(written.architecture()).isNull();
      // 2,796 adapter floats, not the 31 k of the whole denoiser
      assertThat(written.weightsBytes()).isLessThan(4L * 2796 + 4096);
      assertThat(loaded.model().parameters().get(0).getArray().toFloatArray())
          .containsExactly(expected);
      assertThat(loaded.model().baseSha256()).contains(factory.identity());
    }
  }

  @Test
  void adaptersAreRefusedWithoutTheirBundleAndOnAnotherOne(@TempDir Path dir) throws Exception {
    BundleModelFactory factory = new BundleModelFactory(FIXTURE, null);
    try (TorchScriptDiffusionModel model = factory.initial()) {
      new CheckpointWriter().write(model, CheckpointMetadata.of("policy", 1, 1, 1), dir);
    }
    Path other = dir.resolve("other-bundle");
    Files.createDirectories(other);
    for (String file : List.of("denoiser.pt", "encoder.pt")) {
      Files.copy(FIXTURE.resolve(file), other.resolve(file));
    }
    String manifest = Files.readString(FIXTURE.resolve("manifest.json"));
    Files.writeString(
        other.resolve("manifest.json"), manifest.replace("\"guidance\": 2.0", "\"guidance\": 3.0"));

    assertThatThrownBy(() -> new CheckpointLoader().load(dir))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("--model-bundle");
    assertThatThrownBy(() -> new CheckpointLoader(new BundleModelFactory(other, null)).load(dir))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("the bundle the adapters were trained on");
  }

  @Test
  void toyCheckpointsKeepTheirFormerManifest(@TempDir Path dir) throws Exception {
    try (ToyDiffusionModel model = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), 5)) {
      new CheckpointWriter().write(model, CheckpointMetadata.of("base", 0, 0, 5), dir);
    }
    String json = Files.readString(dir.resolve("manifest.json"));

    assertThat(json).doesNotContain("weights\"").doesNotContain("baseSha256");
    assertThatThrownBy(() -> new CheckpointLoader(new BundleModelFactory(FIXTURE, null)).load(dir))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessageContaining("full toy UNet");
  }
}
