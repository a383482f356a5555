package prefloop.diffusion.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Provenance recorded in every manifest: library versions and the git revision. */
public final class BuildInfo {

  private BuildInfo() {}

  /** DJL, PyTorch and Java versions in use. */
  public static Map<String, String> libraries() {
    String djl = ai.djl.engine.Engine.class.getPackage().getImplementationVersion();
    String pytorch;
    try {
      pytorch = ai.djl.engine.Engine.getEngine("PyTorch").getVersion();
    } catch (RuntimeException e) {
      pytorch = "unavailable";
    }
    return Map.of(
        "djl",
        djl == null ? "0.36.0" : djl,
        "pytorch",
        pytorch,
        "java",
        System.getProperty("java.version"));
  }

  /**
   * The git revision: the {@code PREFLOOP_GIT_REVISION} environment variable, else {@code git
   * rev-parse HEAD} in the working directory (suffixed "-dirty" when the tree has changes), else
   * "unknown".
   */
  public static String gitRevision() {
    String fromEnv = System.getenv("PREFLOOP_GIT_REVISION");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.trim();
    }
    String head = run("git", "rev-parse", "HEAD");
    if (head == null || head.isBlank()) {
      return "unknown";
    }
    String status = run("git", "status", "--porcelain", "--untracked-files=no");
    return head.trim() + (status != null && !status.isBlank() ? "-dirty" : "");
  }

  private static String run(String... command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(Path.of("").toAbsolutePath().toFile())
              .redirectErrorStream(true)
              .start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return null;
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
