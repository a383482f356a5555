package prefloop.diffusion.bundle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import prefloop.diffusion.model.LatentAutoencoder;
import prefloop.diffusion.model.SampleGeometry;

/**
 * A latent bundle's VAE: {@code vae_encoder.pt} (images → scaled posterior mean) and {@code
 * vae_decoder.pt} (scaled latents → images in [-1, 1]), both frozen.
 */
record TorchScriptAutoencoder(Block encoder, Block decoder, SampleGeometry image)
    implements LatentAutoencoder {

  @Override
  public NDArray encode(NDArray images) {
    return run(encoder, images);
  }

  @Override
  public NDArray decode(NDArray latents) {
    return run(decoder, latents);
  }

  private static NDArray run(Block block, NDArray input) {
    NDList out =
        block.forward(new ParameterStore(input.getManager(), false), new NDList(input), false);
    return out.singletonOrThrow().stopGradient();
  }
}
