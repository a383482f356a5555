package prefloop.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import prefloop.diffusion.checkpoint.CheckpointManifest;
import prefloop.diffusion.checkpoint.CheckpointMetadata;
import prefloop.diffusion.checkpoint.CheckpointWriter;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.Prediction;
import prefloop.diffusion.model.ToyDiffusionModel;
import prefloop.diffusion.model.UNetConfig;

/** Freshly initialised diffusion checkpoints, small enough for tests on two cores. */
final class Models {
  /** The shipped reward models, seen from this module's directory (Maven's basedir). */
  static final Path REWARD_DIR = Path.of("../models/reward").toAbsolutePath().normalize();

  private Models() {}

  /** The diffusion module's tiny UNet: 8×8 images (the learner alone needs no more). */
  static CheckpointManifest tiny(Path dir, long version, long seed) throws IOException {
    return write(UNetConfig.tiny(), dir, version, seed);
  }

  /** A small 32×32 UNet: the raters' image size, sampled in well under a second. */
  static CheckpointManifest small(Path dir, long version, long seed) throws IOException {
    UNetConfig config =
        new UNetConfig(
            32, 3, 8, List.of(1, 2), 1, false, 4, 32, 8, 64, 12, Prediction.EPSILON, null);
    return write(config, dir, version, seed);
  }

  private static CheckpointManifest write(UNetConfig config, Path dir, long version, long seed)
      throws IOException {
    try (DiffusionModel model = ToyDiffusionModel.newInitialised(config, seed)) {
      return new CheckpointWriter(Map.of("test", "reliability"), "test")
          .write(model, CheckpointMetadata.of("policy", version, version, seed), dir);
    }
  }
}
