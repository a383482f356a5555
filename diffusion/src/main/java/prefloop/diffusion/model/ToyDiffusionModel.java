package prefloop.diffusion.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import prefloop.diffusion.schedule.NoiseSchedule;
import prefloop.diffusion.schedule.ScheduleConfig;
import prefloop.diffusion.schedule.ScheduleTensors;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptTokenizer;

/**
 * The toy model: one DJL UNet in pixel space with its parameters, architecture ({@link UNetConfig})
 * and grammar tokenizer. Every parameter is trainable.
 *
 * <p>Pixel convention: the model works in [-1, 1] (x = 2·rgb − 1); samplers convert back.
 *
 * <p>In-place updates of {@link Parameter#getArray()} (EMA merges) are safe on frozen models; on a
 * trainable one PyTorch rejects in-place ops on leaves outside the optimiser, so freeze, update,
 * unfreeze.
 */
public final class ToyDiffusionModel implements DiffusionModel {

  private static final String ENGINE = "PyTorch";

  private final Model model;
  private final UNet unet;
  private final PromptTokenizer tokenizer;
  private final PromptEncoder prompts;
  private final ScheduleTensors outputSchedule;
  private boolean trainable;

  private ToyDiffusionModel(UNetConfig config, Device device) {
    this.tokenizer =
        new PromptTokenizer(new PromptGrammar(), config.maxTokens(), /* mapUnknownToUnk= */ false);
    if (tokenizer.vocabularySize() > config.vocabSize()) {
      throw new IllegalArgumentException(
          "UNetConfig.vocabSize = "
              + config.vocabSize()
              + " is smaller than the tokenizer's vocabulary ("
              + tokenizer.vocabularySize()
              + "): raise vocabSize");
    }
    this.prompts = new GrammarPromptEncoder(tokenizer);
    this.model = Model.newInstance("prefloop-unet", device, ENGINE);
    this.unet = new UNet(config);
    model.setBlock(unet);
    this.outputSchedule =
        config.prediction() == Prediction.V
            ? new ScheduleTensors(NoiseSchedule.of(config.schedule()), model.getNDManager())
            : null;
  }

  /** A new model with parameters drawn from {@code seed} (same config + seed = same bits). */
  public static ToyDiffusionModel newInitialised(UNetConfig config, long seed) {
    ToyDiffusionModel result = new ToyDiffusionModel(config, null);
    for (Pair<String, Parameter> named : result.unet.getParameters()) {
      named
          .getValue()
          .setInitializer(HostInitializer.forParameter(named.getValue(), named.getKey(), seed));
    }
    result.unet.initialize(result.manager(), DataType.FLOAT32, inputShapes(config));
    result.setTrainable(false);
    return result;
  }

  /**
   * A model whose parameters are read from {@code in} (the {@link #saveParameters} format). The
   * caller has verified the bytes; a mismatch with {@code config} is a {@link
   * MalformedModelException}.
   */
  public static ToyDiffusionModel fromParameters(UNetConfig config, InputStream in)
      throws IOException, MalformedModelException {
    return fromParameters(config, in, null);
  }

  /**
   * Like {@link #fromParameters(UNetConfig, InputStream)}, with the parameters (and everything the
   * model computes) on {@code device}; null means the engine's default device.
   */
  public static ToyDiffusionModel fromParameters(UNetConfig config, InputStream in, Device device)
      throws IOException, MalformedModelException {
    ToyDiffusionModel result = new ToyDiffusionModel(config, device);
    try {
      result.unet.loadParameters(result.manager(), new DataInputStream(in));
      for (Parameter parameter : result.parameters()) {
        if (!parameter.getShape().equals(parameter.getArray().getShape())) {
          throw new MalformedModelException(
              "parameter " + parameter.getName() + " has wrong shape");
        }
      }
    } catch (IOException | MalformedModelException | RuntimeException e) {
      result.close();
      throw e;
    }
    result.setTrainable(false);
    return result;
  }

  private static Shape[] inputShapes(UNetConfig config) {
    int s = config.imageSize();
    return new Shape[] {
      new Shape(1, config.imageChannels(), s, s), new Shape(1), new Shape(1, config.maxTokens())
    };
  }

  /** {@inheritDoc} The condition is the prompt tokens [N, L], int. */
  @Override
  public NDArray predictNoise(NDArray xt, NDArray t, NDArray tokens) {
    NDArray output = unet.predict(xt, t, tokens);
    return switch (config().prediction()) {
      case EPSILON -> output;
      case V -> outputSchedule.addNoise(output, xt, t); // ε̂ = √ᾱ·v̂ + √(1−ᾱ)·x_t
    };
  }

  @Override
  public NDArray predictOutput(NDArray xt, NDArray t, NDArray tokens) {
    return unet.predict(xt, t, tokens);
  }

  @Override
  public NDArray outputTarget(NDArray x0, NDArray noise, NDArray t) {
    return switch (config().prediction()) {
      case EPSILON -> noise;
      case V -> outputSchedule.velocity(x0, noise, t);
    };
  }

  @Override
  public Prediction prediction() {
    return config().prediction();
  }

  @Override
  public ScheduleConfig schedule() {
    return config().schedule();
  }

  @Override
  public SampleGeometry geometry() {
    UNetConfig config = config();
    return new SampleGeometry(config.imageChannels(), config.imageSize(), config.imageSize());
  }

  /** Token tensors [N, L] (INT32) of the toy grammar; a blank prompt is the EMPTY prompt. */
  @Override
  public PromptEncoder prompts() {
    return prompts;
  }

  /** Parameters in a stable order (construction order; same names across models of a config). */
  @Override
  public List<Parameter> parameters() {
    List<Parameter> result = new ArrayList<>();
    unet.getParameters().forEach(pair -> result.add(pair.getValue()));
    return result;
  }

  @Override
  public PairList<String, Parameter> namedParameters() {
    return unet.getParameters();
  }

  @Override
  public void setTrainable(boolean trainable) {
    for (Parameter parameter : parameters()) {
      parameter.freeze(!trainable);
    }
    this.trainable = trainable;
  }

  @Override
  public boolean isTrainable() {
    return trainable;
  }

  /** Copies every parameter value of {@code other} (a toy model of the same architecture). */
  @Override
  public void copyParametersFrom(DiffusionModel other) {
    requireSameArchitecture(other);
    ParameterAverage.copyValues(parameters(), other.parameters(), trainable);
  }

  @Override
  public ToyDiffusionModel duplicate() {
    return duplicateOn(manager().getDevice());
  }

  /** A frozen copy with bit-identical weights on {@code device} (how a learner moves to a GPU). */
  @Override
  public ToyDiffusionModel duplicateOn(Device device) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      saveParameters(bytes);
      return fromParameters(config(), new ByteArrayInputStream(bytes.toByteArray()), device);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (MalformedModelException e) {
      throw new IllegalStateException("a model could not read its own parameters", e);
    }
  }

  /** Writes the parameters in DJL's {@code Block.saveParameters} format. */
  @Override
  public void saveParameters(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    unet.saveParameters(data);
    data.flush();
  }

  public UNetConfig config() {
    return unet.config();
  }

  public PromptTokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public NDManager manager() {
    return model.getNDManager();
  }

  /** The DJL block (for tools that want the Block API). */
  public UNet block() {
    return unet;
  }

  private void requireSameArchitecture(DiffusionModel other) {
    if (!(other instanceof ToyDiffusionModel toy)) {
      throw new IllegalArgumentException(
          "cannot copy a " + other.getClass().getSimpleName() + " into the toy UNet");
    }
    if (!config().equals(toy.config())) {
      throw new IllegalArgumentException(
          "architectures differ: " + config() + " vs " + toy.config());
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
