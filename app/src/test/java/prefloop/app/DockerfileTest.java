package prefloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No container engine runs here, so the image's build is checked against the reactor instead: the
 * build stage must copy every module Maven builds (it once copied 7 of 9, and failed at its first
 * step), and the runtime stage must get the launcher jar, its classpath and the models.
 */
class DockerfileTest {

  private static final Path ROOT = Path.of("..");

  @Test
  void theBuildStageCopiesEveryModuleOfTheReactor() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));
    List<String> modules =
        matches("<module>([^<]+)</module>", Files.readString(ROOT.resolve("pom.xml")));

    assertThat(modules).hasSizeGreaterThanOrEqualTo(10);
    for (String module : modules) {
      assertThat(dockerfile)
          .as("COPY of module " + module)
          .contains("COPY " + module + " " + module);
    }
    assertThat(dockerfile)
        .contains("COPY pom.xml ./")
        .contains("install")
        .contains("COPY --from=build /src/app/target/app-*.jar")
        .contains("COPY --from=build /src/app/target/lib")
        .contains("COPY models")
        .contains("ONEDNN_MAX_CPU_ISA=AVX");
  }

  private static List<String> matches(String regex, String text) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    List<String> found = new ArrayList<>();
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }
}
