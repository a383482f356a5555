package prefloop.diffusion.bundle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;
import prefloop.diffusion.model.Prediction;
import prefloop.diffusion.model.SampleGeometry;
import prefloop.diffusion.schedule.ScheduleConfig;

/**
 * {@code manifest.json} of a model bundle: a folder with a TorchScript denoiser and prompt encoder,
 * written by {@code tools/export/}. See {@link TorchScriptDiffusionModel} for the contract of the
 * two modules.
 *
 * @param format bundle format version ({@value #FORMAT})
 * @param kind "torchscript"
 * @param prediction what the denoiser emits (EPSILON or V)
 * @param schedule the noise schedule the denoiser was trained with
 * @param geometry one sample's shape in the denoiser's space (latents, for a latent bundle)
 * @param promptLength UTF-8 bytes per prompt the encoder reads (longer prompts are truncated)
 * @param trainable a regular expression: parameters whose name contains a match are trained, every
 *     other parameter stays frozen (e.g. {@code lora_})
 * @param guidance the classifier-free guidance scale the model is meant to be sampled with
 * @param image a decoded image's shape, for a latent bundle (null for a pixel bundle)
 * @param latentScale the VAE's latent scaling factor (informational: both VAE files apply it)
 * @param files the role of each file: {@code denoiser}, {@code encoder}, and for a latent bundle
 *     {@code vae_encoder} and {@code vae_decoder}
 * @param sha256 the sha256 of every file, by file name
 * @param source how the bundle was made
 * @param tokenizer the bundle's own tokenizer; absent, prompts reach the encoder as UTF-8 bytes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BundleManifest(
    int format,
    String kind,
    Prediction prediction,
    ScheduleConfig schedule,
    SampleGeometry geometry,
    int promptLength,
    String trainable,
    double guidance,
    SampleGeometry image,
    Double latentScale,
    Map<String, String> files,
    Map<String, String> sha256,
    String source,
    BundleTokenizer tokenizer) {

  /** The bundle format this build reads. */
  public static final int FORMAT = 1;

  /** The manifest's file name inside a bundle. */
  public static final String FILE_NAME = "manifest.json";

  public BundleManifest {
    files = files == null ? Map.of() : Map.copyOf(files);
    sha256 = sha256 == null ? Map.of() : Map.copyOf(sha256);
  }

  /** The roles of a latent bundle's autoencoder files. */
  public static final String VAE_ENCODER = "vae_encoder";

  public static final String VAE_DECODER = "vae_decoder";

  /** True when the bundle carries a VAE: its denoiser works on latents. */
  public boolean latent() {
    return files.containsKey(VAE_ENCODER) || files.containsKey(VAE_DECODER);
  }

  /** The file that plays {@code role} ("denoiser", "encoder", "vae_encoder", "vae_decoder"). */
  public String file(String role) {
    String name = files.get(role);
    if (name == null) {
      throw new IllegalArgumentException(
          "the bundle manifest names no '" + role + "' file: add it under \"files\"");
    }
    return name;
  }
}
