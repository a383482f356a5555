package prefloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root directory, for tests that read or write the files it ships. */
public final class RepositoryRoot {
  private RepositoryRoot() {}

  /** The nearest parent of the working directory that holds the compose file. */
  public static Path dir() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("a parent directory holding docker-compose.yml").isNotNull();
    return dir;
  }

  /** {@code relative} in {@link #dir()}. */
  public static Path resolve(String relative) {
    return dir().resolve(relative);
  }
}
