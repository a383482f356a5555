package prefloop.diffusion.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;

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

  /** Where git-commit-id-maven-plugin writes the revision at build time (diffusion's pom). */
  static final String GIT_PROPERTIES = "/prefloop/diffusion/git.properties";

  /**
   * The git revision the code was built from: the {@code PREFLOOP_GIT_REVISION} environment
   * variable, else the revision recorded at build time (suffixed "-dirty" when the tree had
   * uncommitted changes), else "unknown" (built outside a git checkout, e.g. a Docker build context
   * without {@code .git}: pass the revision in the environment there).
   */
  public static String gitRevision() {
    String fromEnv = System.getenv("PREFLOOP_GIT_REVISION");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.trim();
    }
    return builtRevision(BuildInfo.class.getResourceAsStream(GIT_PROPERTIES));
  }

  /** The revision in a git.properties stream (null or unreadable: "unknown"). */
  static String builtRevision(InputStream properties) {
    if (properties == null) {
      return "unknown";
    }
    Properties git = new Properties();
    try (InputStream in = properties) {
      git.load(in);
    } catch (IOException e) {
      return "unknown";
    }
    String commit = git.getProperty("git.commit.id", "").trim();
    if (commit.isEmpty()) {
      return "unknown";
    }
    return commit + (Boolean.parseBoolean(git.getProperty("git.dirty")) ? "-dirty" : "");
  }
}
