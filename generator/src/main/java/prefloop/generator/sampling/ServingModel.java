package prefloop.generator.sampling;

import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.sampler.DdimSampler;
import prefloop.schemas.avro.ModelRole;

/**
 * The model the generator samples from, with the version it is published under. Owned by the
 * sampling worker thread once swapped in; closing it frees its native memory.
 */
public final class ServingModel implements AutoCloseable {
  private final long version;
  private final ModelRole role;
  private final String source;
  private final DiffusionModel model;
  private DdimSampler sampler;

  public ServingModel(long version, ModelRole role, String source, DiffusionModel model) {
    this.version = version;
    this.role = role;
    this.source = source;
    this.model = model;
  }

  public long version() {
    return version;
  }

  public ModelRole role() {
    return role;
  }

  /** Where the weights came from (path or URI). */
  public String source() {
    return source;
  }

  public DiffusionModel model() {
    return model;
  }

  /**
   * The DDIM sampler of this model under its checkpoint's noise schedule (created on first use, on
   * the sampling thread).
   */
  public DdimSampler sampler() {
    if (sampler == null) {
      sampler = new DdimSampler(model);
    }
    return sampler;
  }

  @Override
  public void close() {
    if (sampler != null) {
      sampler.close();
    }
    model.close();
  }

  @Override
  public String toString() {
    return role + " v" + version + " (" + source + ")";
  }
}
