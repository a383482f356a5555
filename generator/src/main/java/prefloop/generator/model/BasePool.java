package prefloop.generator.model;

import ai.djl.MalformedModelException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import prefloop.diffusion.bundle.BundleModelFactory;
import prefloop.diffusion.bundle.TorchScriptDiffusionModel;
import prefloop.diffusion.checkpoint.CheckpointManifest;
import prefloop.diffusion.model.DiffusionModel;

/**
 * Models of one bundle for the versions the generator serves, so that an adapter update costs the
 * adapter bytes and not a load of the base. Every copy runs on the one load of the base that the
 * bundle's frozen models share in this process; a copy owns only its adapters. The served copy is
 * busy until the next version is installed; the copy it replaced then comes back as the spare, and
 * the update after that is read into it, so the base stays loaded between versions. At steady state
 * two adapter sets exist (served and spare); a spare beyond one is closed. Thread-safe.
 */
public final class BasePool implements AutoCloseable {

  private final BundleModelFactory bundle;
  private TorchScriptDiffusionModel spare;
  private boolean closed;

  public BasePool(BundleModelFactory bundle) {
    this.bundle = bundle;
  }

  /** The sha256 of the bundle's manifest, which adapter updates must name. */
  public String identity() {
    return bundle.identity();
  }

  /** A copy with the adapters the bundle was exported with: the base, version 0. */
  public TorchScriptDiffusionModel initial() throws IOException, MalformedModelException {
    return bundle.initial();
  }

  /** A copy carrying the adapters of {@code manifest}'s {@code weights}. */
  public TorchScriptDiffusionModel withAdapters(CheckpointManifest manifest, byte[] weights)
      throws IOException, MalformedModelException {
    bundle.check(manifest);
    TorchScriptDiffusionModel model = take();
    try {
      model.loadParameters(new ByteArrayInputStream(weights));
      return model;
    } catch (IOException | RuntimeException e) {
      give(model);
      throw e;
    }
  }

  private TorchScriptDiffusionModel take() throws IOException, MalformedModelException {
    synchronized (this) {
      if (spare != null) {
        TorchScriptDiffusionModel model = spare;
        spare = null;
        return model;
      }
    }
    return bundle.initial();
  }

  /** Takes back a copy nothing samples from any more. */
  public void give(DiffusionModel model) {
    synchronized (this) {
      if (!closed && spare == null && model instanceof TorchScriptDiffusionModel copy) {
        spare = copy;
        return;
      }
    }
    model.close();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (spare != null) {
      spare.close();
      spare = null;
    }
  }
}
