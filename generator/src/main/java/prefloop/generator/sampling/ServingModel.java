package prefloop.generator.sampling;

import java.util.function.Consumer;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.sampler.DdimSampler;
import prefloop.schemas.avro.ModelRole;

/**
 * The model the generator samples from, with the version it is published under. Owned by the
 * sampling worker thread once swapped in; closing it frees its native memory, or hands the model
 * back to whoever lent it (a bundle's base, reused by the next adapter update).
 */
public final class ServingModel implements AutoCloseable {
  private final long version;
  private final ModelRole role;
  private final String source;
  private final DiffusionModel model;
  private final Consumer<DiffusionModel> release;
  private DdimSampler sampler;

  /** Serves {@code model}, which closing this closes. */
  public ServingModel(long version, ModelRole role, String source, DiffusionModel model) {
    this(version, role, source, model, DiffusionModel::close);
  }

  /** Serves {@code model}; closing this passes it to {@code release}. */
  public ServingModel(
      long version,
      ModelRole role,
      String source,
      DiffusionModel model,
      Consumer<DiffusionModel> release) {
    this.version = version;
    this.role = role;
    this.source = source;
    this.model = model;
    this.release = release;
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
    release.accept(model);
  }

  @Override
  public String toString() {
    return role + " v" + version + " (" + source + ")";
  }
}
