package prefloop.diffusion.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.diffusion.model.SampleGeometry;
import prefloop.diffusion.sampler.DdimSampler;
import prefloop.diffusion.sampler.ImageSpace;
import prefloop.diffusion.sampler.SampleRequest;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.diffusion.sampler.SamplingResult;

/** The committed latent fixture (models/latent-denoiser): a denoiser on 4×8×8 latents and a VAE. */
class LatentBundleTest {

  static final Path FIXTURE = Path.of("../models/latent-denoiser");

  @Test
  void samplesAreDrawnAsLatentsAndDecodedToImages() throws Exception {
    try (TorchScriptDiffusionModel model = TorchScriptDiffusionModel.load(FIXTURE);
        DdimSampler sampler = new DdimSampler(model)) {
      SamplingResult result =
          sampler.sample(
              new SampleRequest(
                  List.of("a teal vase", "a red kite"),
                  new long[] {1, 2},
                  SamplerSettings.defaults().withSteps(3),
                  true));

      assertThat(model.geometry()).isEqualTo(new SampleGeometry(4, 8, 8));
      assertThat(model.imageGeometry()).isEqualTo(new SampleGeometry(3, 32, 32));
      assertThat(model.clipsToImageRange()).isFalse();
      assertThat(result.images()).hasSize(2);
      assertThat(result.images().get(0).width()).isEqualTo(32);
      // the trajectory stays in latent space: 4·8·8 values per frame
      assertThat(result.trajectories()[0][0]).hasSize(4 * 8 * 8);
    }
  }

  @Test
  void theAutoencoderRoundTripsImagesThroughLatents() throws Exception {
    try (TorchScriptDiffusionModel model = TorchScriptDiffusionModel.load(FIXTURE);
        NDManager scope = model.manager().newSubManager()) {
      // a clean render-like image: a bright square on a dark background
      NDArray images = scope.full(new Shape(1, 3, 32, 32), -0.8f);
      images.set(new ai.djl.ndarray.index.NDIndex(":, :, 8:24, 8:24"), 0.7f);
      NDArray latents = model.toModelSpace(images);
      NDArray back = model.toImageSpace(latents);

      assertThat(latents.getShape()).isEqualTo(new Shape(1, 4, 8, 8));
      assertThat(back.getShape()).isEqualTo(new Shape(1, 3, 32, 32));
      double error = back.sub(images).square().mean().getFloat();
      double constant = images.sub(images.mean()).square().mean().getFloat();
      assertThat(error).as("reconstruction MSE vs the best constant").isLessThan(0.5 * constant);
      assertThat(ImageSpace.toImages(back)).hasSize(1);
    }
  }

  @Test
  void aLatentBundleWithoutItsImageShapeOrWithAnUnknownTokenizerIsRefused(@TempDir Path dir)
      throws Exception {
    for (String file : List.of("denoiser.pt", "encoder.pt", "vae_encoder.pt", "vae_decoder.pt")) {
      Files.copy(FIXTURE.resolve(file), dir.resolve(file));
    }
    String manifest = Files.readString(FIXTURE.resolve("manifest.json"));
    Files.writeString(
        dir.resolve("manifest.json"), manifest.replaceFirst("\"image\": \\{[^}]*},", ""));
    assertThatThrownBy(() -> TorchScriptDiffusionModel.load(dir))
        .hasMessageContaining("lacks image");

    Files.writeString(
        dir.resolve("manifest.json"),
        manifest.replace(
            "\"kind\": \"torchscript\"",
            "\"kind\": \"torchscript\", \"tokenizer\": {\"kind\": \"sentencepiece\"}"));
    assertThatThrownBy(() -> TorchScriptDiffusionModel.load(dir))
        .hasMessageContaining("this build reads \"huggingface\"");
  }
}
