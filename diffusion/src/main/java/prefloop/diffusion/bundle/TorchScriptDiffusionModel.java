package prefloop.diffusion.bundle;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.LatentAutoencoder;
import prefloop.diffusion.model.ParameterAverage;
import prefloop.diffusion.model.Prediction;
import prefloop.diffusion.model.PromptEncoder;
import prefloop.diffusion.model.SampleGeometry;
import prefloop.diffusion.schedule.ScheduleConfig;

/**
 * A team's own denoiser, loaded from a model bundle (see {@link BundleManifest} and {@code
 * tools/export/}) with DJL's PyTorch engine:
 *
 * <ul>
 *   <li>the denoiser is TorchScript with {@code forward(x_t [N,C,H,W], t [N], cond [N,D])}
 *       returning the prediction the manifest names; it is loaded with {@code trainParam=true};
 *   <li>only parameters whose name matches the manifest's {@code trainable} pattern are trained
 *       (and copied, saved and merged): LoRA adapters on a frozen base. {@code trainParam} marks
 *       every parameter as needing a gradient, so the frozen set is enforced here;
 *   <li>the prompt encoder is TorchScript too, frozen, fed UTF-8 bytes ({@link BytePromptEncoder})
 *       or the ids of the bundle's own tokenizer ({@link HuggingFacePromptEncoder});
 *   <li>a latent bundle adds a frozen VAE ({@link TorchScriptAutoencoder}): the denoiser works on
 *       latents, samples are decoded for the raters and rated images encoded for the learner.
 * </ul>
 *
 * <p>The base is held once per bundle and device for every frozen model ({@link SharedBases}): such
 * a model owns only its adapters and writes them into the shared load before each forward. So the
 * learner's reference and initial model, and the generator's versions, differ only in adapters. A
 * model made trainable ({@link #setTrainable}) takes a load of its own, since writing another
 * model's adapters into tensors that an autograd graph has saved would break its backward: the
 * learner holds its base twice, the policy's and the frozen models' one.
 */
public final class TorchScriptDiffusionModel implements DiffusionModel {

  private static final String ENGINE = "PyTorch";

  private final Path bundle;
  private final BundleManifest manifest;
  private final String identity;
  private final Device device;
  private BundleInstance instance;
  private boolean ownLoad;
  private PairList<String, Parameter> adapters;
  private final NDManager adapterManager;
  private boolean training;

  private TorchScriptDiffusionModel(
      Path bundle, BundleManifest manifest, String identity, Device device)
      throws IOException, MalformedModelException {
    this.bundle = bundle;
    this.manifest = manifest;
    this.identity = identity;
    // the engine's default named, so that a model asked for "the default" and one asked for the
    // same device by name share one load
    this.device = device == null ? Engine.getEngine(ENGINE).defaultDevice() : device;
    this.instance = SharedBases.acquire(bundle, manifest, identity, this.device);
    // its own manager, not the shared load's: a model's manager() outlives the load it started on
    this.adapterManager = NDManager.newBaseManager(this.device, ENGINE);
    this.adapters = new PairList<>();
    try {
      List<NDArray> exported = instance.exported();
      PairList<String, Parameter> live = instance.adapters();
      for (int i = 0; i < live.size(); i++) {
        NDArray copy = exported.get(i).duplicate();
        copy.attach(adapterManager);
        adapters.add(
            live.keyAt(i),
            Parameter.builder()
                .setName(live.valueAt(i).getName())
                .setType(Parameter.Type.WEIGHT)
                .optArray(copy)
                .optRequiresGrad(false)
                .build());
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The bundle at {@code directory} on the engine's default device. */
  public static TorchScriptDiffusionModel load(Path directory)
      throws IOException, MalformedModelException {
    return load(directory, null);
  }

  /** The bundle at {@code directory}, verified against its manifest, on {@code device}. */
  public static TorchScriptDiffusionModel load(Path directory, Device device)
      throws IOException, MalformedModelException {
    Path absolute = directory.toAbsolutePath();
    return new TorchScriptDiffusionModel(
        absolute, BundleReader.read(absolute), BundleReader.identity(absolute), device);
  }

  /**
   * Another model of a bundle already verified by {@link BundleReader}: hashing every file again
   * (GBs for an SD-size UNet) for each copy would be work done twice.
   */
  static TorchScriptDiffusionModel loadVerified(
      Path absolute, BundleManifest manifest, String identity, Device device)
      throws IOException, MalformedModelException {
    return new TorchScriptDiffusionModel(absolute, manifest, identity, device);
  }

  /** The sha256 of the bundle's manifest: what adapter checkpoints and updates name. */
  @Override
  public Optional<String> baseSha256() {
    return Optional.of(identity);
  }

  /** The bundle's folder. */
  public Path bundle() {
    return bundle;
  }

  /** The bundle's manifest. */
  public BundleManifest manifest() {
    return manifest;
  }

  /** Whether this model holds a load of the base for itself alone (it was made trainable). */
  public boolean hasOwnBase() {
    return ownLoad;
  }

  @Override
  public NDArray predictNoise(NDArray xt, NDArray t, NDArray condition) {
    NDArray output = predictOutput(xt, t, condition);
    return switch (manifest.prediction()) {
      case EPSILON -> output;
      case V -> instance.outputSchedule().addNoise(output, xt, t); // ε̂ = √ᾱ·v̂ + √(1−ᾱ)·x_t
    };
  }

  @Override
  public NDArray predictOutput(NDArray xt, NDArray t, NDArray condition) {
    if (ownLoad) {
      return instance.forward(xt, t, condition, training);
    }
    synchronized (instance) {
      instance.loadAdapters(adapters.values());
      return instance.forward(xt, t, condition, false);
    }
  }

  @Override
  public NDArray outputTarget(NDArray x0, NDArray noise, NDArray t) {
    return switch (manifest.prediction()) {
      case EPSILON -> noise;
      case V -> instance.outputSchedule().velocity(x0, noise, t);
    };
  }

  @Override
  public Prediction prediction() {
    return manifest.prediction();
  }

  @Override
  public ScheduleConfig schedule() {
    return manifest.schedule();
  }

  @Override
  public SampleGeometry geometry() {
    return manifest.geometry();
  }

  @Override
  public Optional<LatentAutoencoder> autoencoder() {
    return Optional.ofNullable(instance.autoencoder());
  }

  @Override
  public PromptEncoder prompts() {
    return instance.prompts();
  }

  /**
   * The trainable parameters only (the adapters); the base is never exposed for training. Making a
   * shared model trainable gives it new parameters: read them after {@link #setTrainable}.
   */
  @Override
  public List<Parameter> parameters() {
    return adapters.values();
  }

  /** The base's parameters: never trained, copied or saved. */
  List<Parameter> frozenParameters() {
    return List.copyOf(instance.frozen());
  }

  @Override
  public PairList<String, Parameter> namedParameters() {
    return adapters;
  }

  /**
   * Freezes or unfreezes the adapters; the base stays frozen. The first {@code true} moves this
   * model from the shared base to a load of its own (see the class comment), with its adapters.
   */
  @Override
  public void setTrainable(boolean trainable) {
    if (trainable && !ownLoad) {
      takeOwnBase();
    }
    for (Parameter parameter : adapters.values()) {
      parameter.freeze(!trainable);
    }
    for (Parameter parameter : instance.frozen()) {
      parameter.freeze(true);
    }
    this.training = trainable;
  }

  private void takeOwnBase() {
    BundleInstance own;
    try {
      own = new BundleInstance(bundle, manifest, device);
    } catch (IOException | MalformedModelException e) {
      throw new IllegalStateException("the bundle " + bundle + " could not be loaded again", e);
    }
    ParameterAverage.copyValues(own.adapters().values(), adapters.values(), false);
    adapters.values().forEach(Parameter::close);
    SharedBases.release(instance);
    instance = own;
    adapters = own.adapters();
    ownLoad = true;
  }

  @Override
  public boolean isTrainable() {
    return training;
  }

  /** Copies the adapters of {@code other}, a model of the same bundle. */
  @Override
  public void copyParametersFrom(DiffusionModel other) {
    if (!(other instanceof TorchScriptDiffusionModel same) || !same.identity.equals(identity)) {
      throw new IllegalArgumentException(
          "can copy adapters only from a model of the same bundle (" + bundle + ")");
    }
    ParameterAverage.copyValues(parameters(), same.parameters(), training);
  }

  /** A frozen model with this one's adapters on {@code device}, sharing the base held there. */
  @Override
  public TorchScriptDiffusionModel duplicateOn(Device device) {
    try {
      TorchScriptDiffusionModel copy =
          new TorchScriptDiffusionModel(bundle, manifest, identity, device);
      copy.copyParametersFrom(this);
      return copy;
    } catch (IOException | MalformedModelException e) {
      throw new IllegalStateException("the bundle " + bundle + " could not be loaded again", e);
    }
  }

  /** Writes the adapters in {@link AdapterFormat}; the base stays in the bundle. */
  @Override
  public void saveParameters(OutputStream out) throws IOException {
    AdapterFormat.write(adapters, out);
  }

  /** Reads adapters written by {@link #saveParameters} into this model. */
  public void loadParameters(InputStream in) throws IOException {
    AdapterFormat.read(in, adapters, training);
  }

  @Override
  public NDManager manager() {
    return adapterManager;
  }

  @Override
  public void close() {
    adapterManager.close();
    if (ownLoad) {
      instance.close();
    } else {
      SharedBases.release(instance);
    }
  }
}
