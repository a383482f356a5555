package prefloop.diffusion.model;

import ai.djl.ndarray.NDArray;

/**
 * The frozen autoencoder of a latent diffusion model: the denoiser works on latents of the model's
 * {@link DiffusionModel#geometry()}, raters see decoded images of {@link #image()}, and the learner
 * encodes the rated images back to latents (as Diffusion-DPO does), so pairs carry only images.
 * Both directions are deterministic (the encoder returns its posterior mean) and already include
 * the latent scaling factor. Results land in the NDManager of the input and carry no gradient.
 */
public interface LatentAutoencoder {

  /** Images [N, 3, H, W] in [-1, 1] → latents [N, c, h, w]. */
  NDArray encode(NDArray images);

  /** Latents [N, c, h, w] → images [N, 3, H, W] in [-1, 1]. */
  NDArray decode(NDArray latents);

  /** The shape of one decoded image. */
  SampleGeometry image();
}
