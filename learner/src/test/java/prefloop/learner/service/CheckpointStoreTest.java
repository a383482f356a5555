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
}
