package prefloop.diffusion.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import prefloop.diffusion.checkpoint.Sha256;

/** Reads a bundle's manifest and checks it and every file it names before anything is loaded. */
final class BundleReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BundleReader() {}

  static BundleManifest read(Path directory) throws IOException {
    Path file = directory.resolve(BundleManifest.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          directory
              + " is not a model bundle: it has no "
              + BundleManifest.FILE_NAME
              + " (make one with tools/export/)");
    }
    BundleManifest manifest = JSON.readValue(file.toFile(), BundleManifest.class);
    if (manifest.format() != BundleManifest.FORMAT || !"torchscript".equals(manifest.kind())) {
      throw new IOException(
          "bundle "
              + directory
              + " has format "
              + manifest.format()
              + " kind "
              + manifest.kind()
              + "; this build reads format "
              + BundleManifest.FORMAT
              + " kind torchscript");
    }
    require(manifest.prediction() != null, directory, "prediction (EPSILON or V)");
    require(manifest.schedule() != null, directory, "schedule");
    require(manifest.geometry() != null, directory, "geometry");
    require(manifest.promptLength() >= 1, directory, "promptLength >= 1");
    require(
        manifest.trainable() != null && !manifest.trainable().isBlank(),
        directory,
        "trainable (a name pattern such as lora_)");
    BundleTokenizer tokenizer = manifest.tokenizer();
    if (tokenizer != null) {
      if (!BundleTokenizer.HUGGINGFACE.equals(tokenizer.kind())) {
        throw new IOException(
            "bundle "
                + directory
                + " asks for a tokenizer of kind "
                + tokenizer.kind()
                + "; this build reads \"huggingface\" (a tokenizer.json) or, with no \"tokenizer\""
                + " key, feeds prompts to the encoder as UTF-8 bytes");
      }
      require(
          tokenizer.file() != null && manifest.files().containsValue(tokenizer.file()),
          directory,
          "the tokenizer's file under \"files\" (so that its sha256 is checked)");
      require(tokenizer.maxLength() >= 1, directory, "tokenizer.maxLength >= 1");
    }
    for (String name : manifest.files().values()) {
      require(
          name.matches("[A-Za-z0-9][A-Za-z0-9._-]*"),
          directory,
          "plain file names (got " + name + ")");
    }
    manifest.file("denoiser");
    manifest.file("encoder");
    if (manifest.latent()) {
      manifest.file(BundleManifest.VAE_ENCODER);
      manifest.file(BundleManifest.VAE_DECODER);
      require(
          manifest.image() != null,
          directory,
          "image (the decoded image shape of a latent bundle)");
    }
    for (String name : manifest.files().values()) {
      String expected = manifest.sha256().get(name);
      require(expected != null, directory, "sha256 of " + name);
      String actual = Sha256.hex(directory.resolve(name));
      if (!actual.equalsIgnoreCase(expected)) {
        throw new IOException(
            "bundle file "
                + directory.resolve(name)
                + " has sha256 "
                + actual
                + " but the manifest says "
                + expected
                + " (tampered or corrupted): export the bundle again");
      }
    }
    return manifest;
  }

  /** The bundle's identity: the sha256 of its manifest, which holds the sha256 of every file. */
  static String identity(Path directory) throws IOException {
    return Sha256.hex(directory.resolve(BundleManifest.FILE_NAME));
  }

  private static void require(boolean ok, Path directory, String what) throws IOException {
    if (!ok) {
      throw new IOException(
          "bundle manifest " + directory.resolve(BundleManifest.FILE_NAME) + " lacks " + what);
    }
  }
}
