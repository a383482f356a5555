package prefloop.diffusion.bundle;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import prefloop.diffusion.checkpoint.CheckpointManifest;
import prefloop.diffusion.checkpoint.ModelFactory;
import prefloop.diffusion.checkpoint.WeightsKind;

/**
 * Builds models of adapter checkpoints on the base of one bundle: the checkpoint must name this
 * bundle ({@code baseSha256}), and its weights are read into a fresh load of the bundle.
 */
public final class BundleModelFactory implements ModelFactory {

  private final Path bundle;
  private final Device device;
  private final BundleManifest manifest;
  private final String identity;

  /**
   * Models of the bundle at {@code bundle} on {@code device} (null: the engine's default). The
   * bundle's files are checked against its manifest here, once; every copy made later trusts them.
   */
  public BundleModelFactory(Path bundle, Device device) throws IOException {
    this.bundle = bundle.toAbsolutePath();
    this.device = device;
    this.manifest = BundleReader.read(this.bundle);
    this.identity = BundleReader.identity(this.bundle);
  }

  /** As the constructor, for callers that cannot recover from an unreadable bundle. */
  public static BundleModelFactory open(Path bundle, Device device) {
    try {
      return new BundleModelFactory(bundle, device);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model bundle " + bundle + ": " + e, e);
    }
  }

  /** The sha256 of the bundle's manifest. */
  public String identity() {
    return identity;
  }

  /**
   * The bundle as exported: its base with the adapters it was exported with (the initial model).
   */
  public TorchScriptDiffusionModel initial() throws IOException, MalformedModelException {
    return TorchScriptDiffusionModel.loadVerified(bundle, manifest, identity, device);
  }

  /** Checks that {@code manifest} holds adapters of this bundle. */
  public void check(CheckpointManifest manifest) throws MalformedModelException {
    if (manifest.weightsKind() != WeightsKind.ADAPTER) {
      throw new MalformedModelException(
          "the checkpoint holds a full toy UNet, but this process runs the model bundle "
              + bundle
              + ": start without --model-bundle, or point at the bundle's own checkpoints");
    }
    if (!identity.equals(manifest.baseSha256())) {
      throw new MalformedModelException(
          "the checkpoint's adapters belong to the bundle with manifest sha256 "
              + manifest.baseSha256()
              + ", but "
              + bundle
              + " has "
              + identity
              + ": start with the bundle the adapters were trained on");
    }
  }

  @Override
  public TorchScriptDiffusionModel build(CheckpointManifest manifest, byte[] weights)
      throws IOException, MalformedModelException {
    check(manifest);
    TorchScriptDiffusionModel model = initial();
    try {
      model.loadParameters(new ByteArrayInputStream(weights));
      return model;
    } catch (IOException | RuntimeException e) {
      model.close();
      throw e;
    }
  }
}
