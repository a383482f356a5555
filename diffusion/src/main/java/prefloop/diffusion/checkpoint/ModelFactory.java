package prefloop.diffusion.checkpoint;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.ToyDiffusionModel;

/**
 * Turns a verified checkpoint (its manifest and weights) into a frozen model. The toy UNet is
 * rebuilt from the manifest's architecture; a bundle's adapters are applied onto a base this
 * process loaded from the bundle ({@code prefloop.diffusion.bundle.BundleModelFactory}).
 */
@FunctionalInterface
public interface ModelFactory {

  /** The model of {@code manifest} with {@code weights}; any failure leaves nothing open. */
  DiffusionModel build(CheckpointManifest manifest, byte[] weights)
      throws IOException, MalformedModelException;

  /** Full-weight checkpoints of the toy UNet (the default) on the engine's default device. */
  static ModelFactory toy() {
    return toy(null);
  }

  /** Full-weight checkpoints of the toy UNet on {@code device} (null: the engine's default). */
  static ModelFactory toy(Device device) {
    return (manifest, weights) -> {
      if (manifest.weightsKind() != WeightsKind.FULL) {
        throw new MalformedModelException(
            "this checkpoint holds adapters for the model bundle with manifest sha256 "
                + manifest.baseSha256()
                + ": load it with that bundle (--model-bundle DIR)");
      }
      return ToyDiffusionModel.fromParameters(
          manifest.architecture(), new ByteArrayInputStream(weights), device);
    };
  }
}
