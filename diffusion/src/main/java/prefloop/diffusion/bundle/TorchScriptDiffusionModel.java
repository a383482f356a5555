package prefloop.diffusion.bundle;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.model.LatentAutoencoder;
import prefloop.diffusion.model.ParameterAverage;
import prefloop.diffusion.model.Prediction;
import prefloop.diffusion.model.PromptEncoder;
import prefloop.diffusion.model.SampleGeometry;
import prefloop.diffusion.schedule.NoiseSchedule;
import prefloop.diffusion.schedule.ScheduleConfig;
import prefloop.diffusion.schedule.ScheduleTensors;

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
 * Each copy (policy, reference, initial) loads its own base from the bundle: the base is never
 * written or sent, but it is held once per copy in memory.
 */
public final class TorchScriptDiffusionModel implements DiffusionModel {

  private static final String ENGINE = "PyTorch";

  private final Path bundle;
  private final BundleManifest manifest;
  private final String identity;
  private final Model denoiserModel;
  private final Model encoderModel;
  private final List<Model> vaeModels = new ArrayList<>();
  private final TorchScriptAutoencoder autoencoder;
  private final Block denoiser;
  private final PromptEncoder prompts;
  private final ScheduleTensors outputSchedule;
  private final PairList<String, Parameter> trainable = new PairList<>();
  private final List<Parameter> frozen = new ArrayList<>();
  private boolean training;

  private TorchScriptDiffusionModel(
      Path bundle, BundleManifest manifest, String identity, Device device)
      throws IOException, MalformedModelException {
    this.bundle = bundle;
    this.manifest = manifest;
    this.identity = identity;
    this.denoiserModel = Model.newInstance("denoiser", device, ENGINE);
    this.encoderModel = Model.newInstance("encoder", device, ENGINE);
    try {
      denoiserModel.load(bundle, stem(manifest.file("denoiser")), Map.of("trainParam", "true"));
      encoderModel.load(bundle, stem(manifest.file("encoder")));
      this.autoencoder = manifest.latent() ? loadAutoencoder(device) : null;
      this.prompts = promptEncoder(encoderModel.getBlock());
    } catch (IOException | MalformedModelException | RuntimeException e) {
      denoiserModel.close();
      encoderModel.close();
      vaeModels.forEach(Model::close);
      throw e;
    }
    this.denoiser = denoiserModel.getBlock();
    Pattern pattern = Pattern.compile(manifest.trainable());
    for (Pair<String, Parameter> named : denoiser.getParameters()) {
      if (pattern.matcher(named.getKey()).find()) {
        trainable.add(named);
      } else {
        frozen.add(named.getValue());
      }
    }
    for (Model frozenModel : frozenModels()) {
      for (Pair<String, Parameter> named : frozenModel.getBlock().getParameters()) {
        named.getValue().freeze(true);
      }
    }
    this.outputSchedule =
        manifest.prediction() == Prediction.V
            ? new ScheduleTensors(NoiseSchedule.of(manifest.schedule()), manager())
            : null;
    setTrainable(false);
    if (trainable.isEmpty()) {
      close();
      throw new MalformedModelException(
          "no parameter of "
              + manifest.file("denoiser")
              + " matches the trainable pattern '"
              + manifest.trainable()
              + "': fix \"trainable\" in the manifest (names look like "
              + denoiser.getParameters().keys().stream().limit(3).toList()
              + ")");
    }
  }

  private TorchScriptAutoencoder loadAutoencoder(Device device)
      throws IOException, MalformedModelException {
    Block[] blocks = new Block[2];
    String[] roles = {BundleManifest.VAE_ENCODER, BundleManifest.VAE_DECODER};
    for (int i = 0; i < roles.length; i++) {
      Model model = Model.newInstance(roles[i], device, ENGINE);
      vaeModels.add(model);
      model.load(bundle, stem(manifest.file(roles[i])));
      blocks[i] = model.getBlock();
    }
    return new TorchScriptAutoencoder(blocks[0], blocks[1], manifest.image());
  }

  private PromptEncoder promptEncoder(Block encoder) throws IOException {
    BundleTokenizer tokenizer = manifest.tokenizer();
    return tokenizer == null
        ? new BytePromptEncoder(encoder, manifest.promptLength())
        : new HuggingFacePromptEncoder(
            bundle.resolve(tokenizer.file()), tokenizer.maxLength(), encoder);
  }

  private List<Model> frozenModels() {
    List<Model> models = new ArrayList<>(vaeModels);
    models.add(encoderModel);
    return models;
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
   * Another load of a bundle already verified by {@link BundleReader}: hashing every file again
   * (GBs for an SD-size UNet) for each copy would be work done twice.
   */
  static TorchScriptDiffusionModel loadVerified(
      Path absolute, BundleManifest manifest, String identity, Device device)
      throws IOException, MalformedModelException {
    return new TorchScriptDiffusionModel(absolute, manifest, identity, device);
  }

  private static String stem(String file) {
    if (!file.endsWith(".pt")) {
      throw new IllegalArgumentException(
          "bundle file " + file + " must be a TorchScript file named *.pt");
    }
    return file.substring(0, file.length() - ".pt".length());
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

  @Override
  public NDArray predictNoise(NDArray xt, NDArray t, NDArray condition) {
    NDArray output = predictOutput(xt, t, condition);
    return switch (manifest.prediction()) {
      case EPSILON -> output;
      case V -> outputSchedule.addNoise(output, xt, t); // ε̂ = √ᾱ·v̂ + √(1−ᾱ)·x_t
    };
  }

  @Override
  public NDArray predictOutput(NDArray xt, NDArray t, NDArray condition) {
    NDList out =
        denoiser.forward(
            new ParameterStore(xt.getManager(), false), new NDList(xt, t, condition), training);
    return out.singletonOrThrow();
  }

  @Override
  public NDArray outputTarget(NDArray x0, NDArray noise, NDArray t) {
    return switch (manifest.prediction()) {
      case EPSILON -> noise;
      case V -> outputSchedule.velocity(x0, noise, t);
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
    return Optional.ofNullable(autoencoder);
  }

  @Override
  public PromptEncoder prompts() {
    return prompts;
  }

  /** The trainable parameters only (the adapters); the base is never exposed for training. */
  @Override
  public List<Parameter> parameters() {
    return trainable.values();
  }

  /** The base's parameters: never trained, copied or saved. */
  List<Parameter> frozenParameters() {
    return List.copyOf(frozen);
  }

  @Override
  public PairList<String, Parameter> namedParameters() {
    return trainable;
  }

  @Override
  public void setTrainable(boolean trainable) {
    for (Parameter parameter : this.trainable.values()) {
      parameter.freeze(!trainable);
    }
    for (Parameter parameter : frozen) {
      parameter.freeze(true);
    }
    this.training = trainable;
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
    AdapterFormat.write(trainable, out);
  }

  /** Reads adapters written by {@link #saveParameters} into this model. */
  public void loadParameters(InputStream in) throws IOException {
    AdapterFormat.read(in, trainable, training);
  }

  @Override
  public NDManager manager() {
    return denoiserModel.getNDManager();
  }

  @Override
  public void close() {
    if (outputSchedule != null) {
      outputSchedule.close();
    }
    denoiserModel.close();
    encoderModel.close();
    vaeModels.forEach(Model::close);
    if (prompts instanceof HuggingFacePromptEncoder tokenizing) {
      tokenizing.close();
    }
  }
}
