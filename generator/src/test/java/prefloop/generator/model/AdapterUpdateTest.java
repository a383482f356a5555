package prefloop.generator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.diffusion.bundle.BundleModelFactory;
import prefloop.diffusion.bundle.TorchScriptDiffusionModel;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.CheckpointManifest;
import prefloop.diffusion.checkpoint.CheckpointMetadata;
import prefloop.diffusion.checkpoint.CheckpointWriter;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.generator.TinyCheckpoints;
import prefloop.generator.sampling.ServingModel;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.ModelUpdate;
import prefloop.schemas.avro.WeightsKind;

/**
 * A generator serving a model bundle applies ADAPTER updates onto a base copy it already holds (the
 * one the previous version ran on, once released) and refuses updates of another kind or for
 * another base.
 */
class AdapterUpdateTest {
  private static final Path BUNDLE = Path.of("../models/plain-denoiser");

  @Test
  void adaptersAreServedAndTheReleasedBaseIsReusedByTheNextUpdate(@TempDir Path dir)
      throws Exception {
    BundleModelFactory bundle = new BundleModelFactory(BUNDLE, null);
    try (BasePool pool = new BasePool(bundle)) {
      CheckpointFetcher fetcher = new CheckpointFetcher(new CheckpointLoader(), pool);
      ModelUpdate first = adapterUpdate(bundle, dir.resolve("v1"), 1, 0.1f);
      ModelUpdate second = adapterUpdate(bundle, dir.resolve("v2"), 2, 0.2f);

      DiffusionModel servedFirst;
      try (ServingModel base = fetcher.loadBase(BUNDLE.toString(), 0, ModelRole.POLICY);
          ServingModel v1 = fetcher.fetch(first, base.model().geometry())) {
        servedFirst = v1.model();
        assertThat(v1.model()).isNotSameAs(base.model());
        assertThat(firstAdapter(v1.model())).isEqualTo(0.1f);
      }
      try (ServingModel v2 = fetcher.fetch(second, servedFirst.geometry())) {
        assertThat(v2.model()).as("the copy v1 ran on, released").isSameAs(servedFirst);
        assertThat(firstAdapter(v2.model())).isEqualTo(0.2f);
        assertThat(v2.version()).isEqualTo(2);
      }
    }
  }

  @Test
  void updatesOfTheOtherKindOrAnotherBaseAreRefusedAsIncompatible(@TempDir Path dir)
      throws Exception {
    BundleModelFactory bundle = new BundleModelFactory(BUNDLE, null);
    ModelUpdate adapters = adapterUpdate(bundle, dir.resolve("a"), 1, 0.1f);
    CheckpointManifest toy = TinyCheckpoints.write(dir.resolve("toy"), 1, 1);
    ModelUpdate full = TinyCheckpoints.update(toy, dir.resolve("toy").toString(), 1);
    ModelUpdate foreign = ModelUpdate.newBuilder(adapters).setBaseSha256("ef".repeat(32)).build();

    try (BasePool pool = new BasePool(bundle)) {
      CheckpointFetcher bundleFetcher = new CheckpointFetcher(new CheckpointLoader(), pool);
      assertIncompatible(() -> bundleFetcher.fetch(full, null), "FULL weights");
      assertIncompatible(() -> bundleFetcher.fetch(foreign, null), "belong to the bundle");
    }
    CheckpointFetcher toyFetcher = new CheckpointFetcher(new CheckpointLoader());
    assertIncompatible(() -> toyFetcher.fetch(adapters, null), "ADAPTER weights");
  }

  private static void assertIncompatible(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            CheckpointRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectReason.INCOMPATIBLE))
        .hasMessageContaining(message);
  }

  private static float firstAdapter(DiffusionModel model) {
    return model.parameters().get(0).getArray().toFloatArray()[0];
  }

  private static ModelUpdate adapterUpdate(
      BundleModelFactory bundle, Path dir, long version, float value) throws Exception {
    CheckpointManifest manifest;
    try (TorchScriptDiffusionModel model = bundle.initial()) {
      model.parameters().get(0).getArray().muli(0).addi(value);
      manifest =
          new CheckpointWriter().write(model, CheckpointMetadata.of("policy", version, 1, 1), dir);
    }
    return ModelUpdate.newBuilder()
        .setRole(ModelRole.POLICY)
        .setVersion(version)
        .setLearnerStep(version)
        .setUri(dir.toString())
        .setSha256(manifest.weightsSha256())
        .setBytes(manifest.weightsBytes())
        .setCreatedAt(Instant.now())
        .setWeights(WeightsKind.ADAPTER)
        .setBaseSha256(manifest.baseSha256())
        .build();
  }
}
