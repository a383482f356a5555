package prefloop.diffusion.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells a model bundle from a checkpoint: both are folders with a {@code manifest.json}, and only a
 * bundle's says {@code "kind": "torchscript"}. Lets every {@code --base} accept either.
 */
public final class ModelBundles {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelBundles() {}

  /**
   * Checks {@code prompt} as every bundle's byte encoder does, without loading one.
   *
   * @throws IllegalArgumentException saying what to change
   */
  public static void checkPrompt(String prompt) {
    BytePromptEncoder.check(prompt);
  }

  /** True when {@code location} is a local folder holding a model bundle. */
  public static boolean isBundle(String location) {
    if (location == null
        || location.startsWith("http://")
        || location.startsWith("https://")
        || location.startsWith("file:")) {
      return false;
    }
    Path manifest = Path.of(location).resolve(BundleManifest.FILE_NAME);
    if (!Files.isRegularFile(manifest)) {
      return false;
    }
    try {
      JsonNode kind = JSON.readTree(manifest.toFile()).get("kind");
      return kind != null && "torchscript".equals(kind.asText());
    } catch (IOException e) {
      return false;
    }
  }
}
