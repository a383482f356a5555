package prefloop.diffusion.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import prefloop.diffusion.schedule.ScheduleConfig;

/**
 * A prompt-conditioned denoiser: what the generator samples, the learner trains and the loop
 * broadcasts. The generator, rater, learner, evaluation and dashboard see models only through this
 * interface; {@link ToyDiffusionModel} (the 32×32 pixel-space UNet with its grammar tokenizer) is
 * one implementation.
 *
 * <p>Samples live in the model's own space, of shape {@link #geometry()}, in [-1, 1] for pixel
 * models; a latent model has an {@link #autoencoder()} between its latents and images. The noise
 * schedule and prediction type are those the checkpoint was trained with: every sampler and trainer
 * takes them from here, never from a default.
 *
 * <p>A model starts <b>frozen</b> (no gradients: inference, reference and initial copies). Call
 * {@link #setTrainable(boolean) setTrainable(true)} on the model you optimise; {@link
 * #parameters()} are the parameters that may be trained (all of them for the toy UNet, the adapters
 * of a model with a frozen base).
 */
public interface DiffusionModel extends AutoCloseable {

  /**
   * ε̂_θ(x_t, t, c), whatever the network emits. Works inside a {@code GradientCollector} (when
   * trainable) and outside; the result lives in the NDManager of the inputs.
   *
   * @param xt noisy samples [N, C, H, W]
   * @param t timesteps [N], int or float, in [0, T)
   * @param condition the prompts' condition from {@link #prompts()}
   */
  NDArray predictNoise(NDArray xt, NDArray t, NDArray condition);

  /** The network's own output (ε̂ or v̂, see {@link Prediction}); what the denoising loss fits. */
  NDArray predictOutput(NDArray xt, NDArray t, NDArray condition);

  /**
   * What {@link #predictOutput} should emit for x_t = √ᾱ_t·x_0 + √(1−ᾱ_t)·ε: ε itself, or v =
   * √ᾱ_t·ε − √(1−ᾱ_t)·x_0. Lands in the NDManager of {@code t}.
   */
  NDArray outputTarget(NDArray x0, NDArray noise, NDArray t);

  /** What the network emits. */
  Prediction prediction();

  /** The noise schedule the model was trained with. */
  ScheduleConfig schedule();

  /** The shape of one sample in the model's space (latents, for a latent model). */
  SampleGeometry geometry();

  /** The autoencoder of a latent model; empty for a pixel model. */
  default Optional<LatentAutoencoder> autoencoder() {
    return Optional.empty();
  }

  /** The shape of one image the model makes: decoded latents, or {@link #geometry()}. */
  default SampleGeometry imageGeometry() {
    return autoencoder().map(LatentAutoencoder::image).orElse(geometry());
  }

  /** Whether sampling may clip x̂_0 to [-1, 1]: pixels may be clipped, latents never. */
  default boolean clipsToImageRange() {
    return autoencoder().isEmpty();
  }

  /** Samples in the model's space → images in [-1, 1] (the decoder, or the samples themselves). */
  default NDArray toImageSpace(NDArray samples) {
    return autoencoder().map(vae -> vae.decode(samples)).orElse(samples);
  }

  /** Images in [-1, 1] → samples in the model's space (the encoder, or the images themselves). */
  default NDArray toModelSpace(NDArray images) {
    return autoencoder().map(vae -> vae.encode(images)).orElse(images);
  }

  /** Text to condition; also the judge of which prompts the model accepts. */
  PromptEncoder prompts();

  /** The condition of {@code prompts} (a blank prompt = unconditional) in {@code manager}. */
  default NDArray condition(NDManager manager, List<String> prompts) {
    return prompts().encode(manager, prompts);
  }

  /** The trainable parameters in a stable order (the same names across copies of one model). */
  List<Parameter> parameters();

  /** {@link #parameters()} with their hierarchical names, in the same order. */
  PairList<String, Parameter> namedParameters();

  /** Total number of scalar trainable parameters. */
  default long parameterCount() {
    return parameters().stream().mapToLong(p -> p.getArray().size()).sum();
  }

  /** Turns gradients on (training) or off (inference, reference, EMA targets). */
  void setTrainable(boolean trainable);

  boolean isTrainable();

  /** Copies every parameter value of {@code other} (the same model) into this one. */
  void copyParametersFrom(DiffusionModel other);

  /** A second, independent, frozen model with bit-identical weights on the same device. */
  default DiffusionModel duplicate() {
    return duplicateOn(manager().getDevice());
  }

  /** A frozen copy with bit-identical weights on {@code device}. */
  DiffusionModel duplicateOn(Device device);

  /**
   * The identity (sha256 of the bundle manifest) of the frozen base that {@link #parameters()} are
   * adapters of; empty when the parameters are the whole model, as for the toy UNet.
   */
  default Optional<String> baseSha256() {
    return Optional.empty();
  }

  /** Writes the trainable parameters (the format is the implementation's). */
  void saveParameters(OutputStream out) throws IOException;

  /** The manager that owns the parameters; create per-step sub-managers from it. */
  NDManager manager();

  @Override
  void close();
}
