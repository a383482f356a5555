package prefloop.diffusion.bundle;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import prefloop.diffusion.model.Prediction;
import prefloop.diffusion.model.PromptEncoder;
import prefloop.diffusion.schedule.NoiseSchedule;
import prefloop.diffusion.schedule.ScheduleTensors;

/**
 * One load of a bundle's TorchScript files on one device: the denoiser (with {@code
 * trainParam=true}), the frozen prompt encoder and, for latent bundles, the frozen VAE. The
 * denoiser's parameters are split by the manifest's {@code trainable} pattern into the adapters
 * ({@link #adapters()}, live tensors of the module) and the frozen base. The adapters' values as
 * exported are kept aside ({@link #exported()}), since views that share this load write their own
 * adapters into the live tensors before each forward ({@link #loadAdapters}).
 */
final class BundleInstance implements AutoCloseable {

  private static final String ENGINE = "PyTorch";

  private final Path bundle;
  private final BundleManifest manifest;
  private final Model denoiserModel;
  private final Model encoderModel;
  private final List<Model> vaeModels = new ArrayList<>();
  private final TorchScriptAutoencoder autoencoder;
  private final Block denoiser;
  private final PromptEncoder prompts;
  private final ScheduleTensors outputSchedule;
  private final PairList<String, Parameter> adapters = new PairList<>();
  private final List<Parameter> frozen = new ArrayList<>();
  private final NDManager exportedManager;
  private final List<NDArray> exported = new ArrayList<>();

  BundleInstance(Path bundle, BundleManifest manifest, Device device)
      throws IOException, MalformedModelException {
    this.bundle = bundle;
    this.manifest = manifest;
    this.denoiserModel = Model.newInstance("denoiser", device, ENGINE);
    this.encoderModel = Model.newInstance("encoder", device, ENGINE);
    try {
      denoiserModel.load(bundle, stem(manifest.file("denoiser")), Map.of("trainParam", "true"));
      encoderModel.load(bundle, stem(manifest.file("encoder")));
      this.autoencoder = manifest.latent() ? loadAutoencoder(device) : null;
      this.prompts = promptEncoder(encoderModel.getBlock());
    } catch (IOException | MalformedModelException | RuntimeException e) {
      closeModels();
      throw e;
    }
    this.denoiser = denoiserModel.getBlock();
    Pattern pattern = Pattern.compile(manifest.trainable());
    for (Pair<String, Parameter> named : denoiser.getParameters()) {
      if (pattern.matcher(named.getKey()).find()) {
        adapters.add(named);
      } else {
        frozen.add(named.getValue());
      }
      named.getValue().freeze(true); // a model unfreezes the adapters of a load it owns
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
    this.exportedManager = manager().newSubManager();
    if (adapters.isEmpty()) {
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
    for (Parameter adapter : adapters.values()) {
      NDArray copy = adapter.getArray().stopGradient().duplicate();
      copy.attach(exportedManager);
      exported.add(copy);
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

  private static String stem(String file) {
    if (!file.endsWith(".pt")) {
      throw new IllegalArgumentException(
          "bundle file " + file + " must be a TorchScript file named *.pt");
    }
    return file.substring(0, file.length() - ".pt".length());
  }

  /** The denoiser's output for the adapters now in the live tensors. */
  NDArray forward(NDArray xt, NDArray t, NDArray condition, boolean training) {
    NDList out =
        denoiser.forward(
            new ParameterStore(xt.getManager(), false), new NDList(xt, t, condition), training);
    return out.singletonOrThrow();
  }

  /**
   * Writes {@code values} (same order and shapes as {@link #adapters()}) into the live adapter
   * tensors, on the device. The live tensors must not require gradients: a write into a tensor an
   * autograd graph has saved would fail that graph's backward, which is why a model being trained
   * never shares its load.
   */
  void loadAdapters(List<Parameter> values) {
    List<Parameter> live = adapters.values();
    for (int i = 0; i < live.size(); i++) {
      live.get(i).getArray().set(new NDIndex("..."), values.get(i).getArray());
    }
  }

  /** The adapters: live tensors of the loaded denoiser. */
  PairList<String, Parameter> adapters() {
    return adapters;
  }

  /** The adapters' values as the bundle was exported (the initial model's). */
  List<NDArray> exported() {
    return exported;
  }

  /** The base's parameters: never trained, copied or saved. */
  List<Parameter> frozen() {
    return frozen;
  }

  PromptEncoder prompts() {
    return prompts;
  }

  TorchScriptAutoencoder autoencoder() {
    return autoencoder;
  }

  ScheduleTensors outputSchedule() {
    return outputSchedule;
  }

  NDManager manager() {
    return denoiserModel.getNDManager();
  }

  @Override
  public void close() {
    if (outputSchedule != null) {
      outputSchedule.close();
    }
    if (exportedManager != null) {
      exportedManager.close();
    }
    closeModels();
    if (prompts instanceof HuggingFacePromptEncoder tokenizing) {
      tokenizing.close();
    }
  }

  private void closeModels() {
    denoiserModel.close();
    encoderModel.close();
    vaeModels.forEach(Model::close);
  }
}
