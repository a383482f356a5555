package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.schemas.avro.ModelRole;

class CheckpointStoreTest {
  @Test
  void servesOnlyFilesOfCompleteCheckpointsWithLegalNames(@TempDir Path dir) throws Exception {
    CheckpointStore store = new CheckpointStore(dir.resolve("store"), Optional.empty());
    Path complete = Files.createDirectories(dir.resolve("store/policy-v000001"));
    Files.writeString(complete.resolve("manifest.json"), "{}");
    Files.writeString(complete.resolve("weights.params"), "w");
    Path partial = Files.createDirectories(dir.resolve("store/policy-v000002"));
    Files.writeString(partial.resolve("weights.params"), "w");
    Files.writeString(dir.resolve("store/secret"), "s");

    assertThat(store.file("policy-v000001", "weights.params")).isPresent();
    assertThat(store.file("policy-v000002", "weights.params")).isEmpty();
    assertThat(store.file("policy-v000001", "..")).isEmpty();
    assertThat(store.file("..", "secret")).isEmpty();
    assertThat(store.file("other-v000001", "weights.params")).isEmpty();
    assertThat(store.latest(ModelRole.POLICY)).hasValue(1);
    assertThat(store.latest(ModelRole.REFERENCE)).isEmpty();
    assertThat(CheckpointStore.name(ModelRole.REFERENCE, 12)).isEqualTo("reference-v000012");
  }

  @Test
  void pruningKeepsTheNewestEveryKthTheBaseAndTheReferencesKeptPoliciesNeed(@TempDir Path dir)
      throws Exception {
    CheckpointStore store =
        new CheckpointStore(dir.resolve("store"), Optional.of(dir.resolve("m")));
    for (int v = 0; v <= 20; v++) {
      fake(dir, "store", ModelRole.POLICY, v);
      fake(dir, "m", ModelRole.POLICY, v);
    }
    for (int v = 0; v <= 6; v++) {
      fake(dir, "store", ModelRole.REFERENCE, v);
    }
    // policy v trained against reference v / 4 (v8 → r2, v20 → r5)

    java.util.List<String> deleted = store.prune(new CheckpointRetention(3, 8), v -> v / 4);

    assertThat(store.versions(ModelRole.POLICY)).containsExactly(0L, 8L, 16L, 18L, 19L, 20L);
    assertThat(store.versions(ModelRole.REFERENCE)).containsExactly(0L, 2L, 4L, 5L, 6L);
    assertThat(deleted).contains("policy-v000001", "reference-v000001").hasSize(15 + 2);
    assertThat(dir.resolve("store/policy-v000007")).doesNotExist();
    assertThat(dir.resolve("m/policy-v000007")).doesNotExist();
    assertThat(dir.resolve("m/policy-v000008/manifest.json")).exists();
    assertThat(store.prune(new CheckpointRetention(3, 8), v -> v / 4)).isEmpty();
    assertThat(store.prune(CheckpointRetention.keepAll(), v -> 0)).isEmpty();
  }

  @Test
  void policiesKeptOnlyAsMilestonesLoseTheirOptimiserState(@TempDir Path dir) throws Exception {
    CheckpointStore store =
        new CheckpointStore(dir.resolve("store"), Optional.of(dir.resolve("m")));
    for (int v = 0; v <= 10; v++) {
      fake(dir, "store", ModelRole.POLICY, v);
      fake(dir, "m", ModelRole.POLICY, v);
      for (String root : new String[] {"store", "m"}) {
        Files.writeString(
            dir.resolve(root)
                .resolve(CheckpointStore.name(ModelRole.POLICY, v))
                .resolve(CheckpointStore.OPTIMIZER_FILE),
            "adam");
      }
    }
    fake(dir, "store", ModelRole.REFERENCE, 0);

    java.util.List<String> deleted = store.prune(new CheckpointRetention(3, 4), v -> 0);

    assertThat(store.versions(ModelRole.POLICY)).containsExactly(0L, 4L, 8L, 9L, 10L);
    assertThat(deleted)
        .contains("policy-v000000/optimizer.state", "policy-v000004/optimizer.state")
        .doesNotContain("policy-v000008/optimizer.state");
    assertThat(store.optimizerState(4)).isEmpty();
    assertThat(dir.resolve("m/policy-v000004/optimizer.state")).doesNotExist();
    assertThat(dir.resolve("m/policy-v000004/weights.params")).exists();
    assertThat(store.optimizerState(8)).isPresent();
    assertThat(store.optimizerState(10)).isPresent();
  }

  @Test
  void aRetentionThatWouldDeleteTheVersionAGeneratorMayBeFetchingIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CheckpointRetention(1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keepLast = 1");
  }

  private static void fake(Path dir, String root, ModelRole role, long version) throws Exception {
    Path checkpoint =
        Files.createDirectories(dir.resolve(root).resolve(CheckpointStore.name(role, version)));
    Files.writeString(checkpoint.resolve("weights.params"), "w");
    Files.writeString(checkpoint.resolve("manifest.json"), "{}");
  }

  @Test
  void theOptimiserStateIsWrittenBeforeTheManifestAndMirrored(@TempDir Path dir) throws Exception {
    CheckpointStore store =
        new CheckpointStore(dir.resolve("store"), Optional.of(dir.resolve("mirror")));
    try (prefloop.diffusion.model.ToyDiffusionModel model =
        prefloop.diffusion.model.ToyDiffusionModel.newInitialised(
            prefloop.diffusion.model.UNetConfig.tiny(), 1)) {
      store.write(
          ModelRole.POLICY,
          model,
          new prefloop.diffusion.checkpoint.CheckpointMetadata(
              "policy", 3, 2, 48, 1, java.util.Map.of(), java.util.Map.of()),
          new TrainingLedger(2, java.util.List.of()),
          new byte[] {1, 2, 3});
    }

    assertThat(store.optimizerState(3))
        .hasValueSatisfying(file -> assertThat(file).hasBinaryContent(new byte[] {1, 2, 3}));
    assertThat(dir.resolve("mirror/policy-v000003/optimizer.state")).exists();
    assertThat(store.optimizerState(2)).isEmpty();
  }
}
