package prefloop.generator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import prefloop.diffusion.checkpoint.CheckpointManifest;
import prefloop.diffusion.checkpoint.CheckpointMetadata;
import prefloop.diffusion.checkpoint.CheckpointWriter;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.ModelUpdate;

/** Tiny checkpoints and the ModelUpdates announcing them, for tests. */
public final class TinyCheckpoints {
  private TinyCheckpoints() {}

  /** Writes a freshly initialised tiny model (weights drawn from {@code seed}) into {@code dir}. */
  public static CheckpointManifest write(Path dir, long version, long seed) throws IOException {
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(UNetConfig.tiny(), seed)) {
      return new CheckpointWriter(Map.of("test", "true"), "test")
          .write(model, CheckpointMetadata.of("policy", version, version, seed), dir);
    }
  }

  /**
   * Writes the tiny base model (v0) into {@code dir}/base and returns the default config of a
   * generator that starts from it.
   */
  public static GeneratorConfig baseConfig(String bootstrapServers, Path dir) throws IOException {
    Path base = dir.resolve("base");
    write(base, 0, 1);
    return GeneratorConfig.defaults(bootstrapServers, base.toString());
  }

  /** Flips one byte in the middle of the weights file (the manifest keeps the old hash). */
  public static void tamper(Path dir, CheckpointManifest manifest) throws IOException {
    Path weights = dir.resolve(manifest.weightsFile());
    byte[] bytes = Files.readAllBytes(weights);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(weights, bytes);
  }

  /** Cuts the weights file to half its length, as an interrupted copy would. */
  public static void truncate(Path dir, CheckpointManifest manifest) throws IOException {
    Path weights = dir.resolve(manifest.weightsFile());
    byte[] bytes = Files.readAllBytes(weights);
    Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length / 2));
  }

  /** The POLICY update announcing {@code manifest} at {@code uri}. */
  public static ModelUpdate update(CheckpointManifest manifest, String uri, long version) {
    return ModelUpdate.newBuilder()
        .setRole(ModelRole.POLICY)
        .setVersion(version)
        .setLearnerStep(version * 10)
        .setUri(uri)
        .setSha256(manifest.weightsSha256())
        .setBytes(manifest.weightsBytes())
        .setParentVersion(version - 1)
        .setMerge(null)
        .setCreatedAt(Instant.now())
        .build();
  }
}
