package prefloop.diffusion.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The git revision comes from the build (git-commit-id-maven-plugin), not from running git where
 * the jar happens to run: an image or a copied launcher has no .git and used to record "unknown".
 */
class BuildInfoTest {

  @Test
  void theBuildRecordedThisCheckoutsRevision() {
    String revision = BuildInfo.gitRevision();

    assertThat(BuildInfo.class.getResource(BuildInfo.GIT_PROPERTIES)).isNotNull();
    assertThat(revision).matches("[0-9a-f]{40}(-dirty)?");
  }

  @Test
  void dirtyTreesAndMissingPropertiesAreSaid() {
    assertThat(BuildInfo.builtRevision(stream("git.commit.id=abc\ngit.dirty=true\n")))
        .isEqualTo("abc-dirty");
    assertThat(BuildInfo.builtRevision(stream("git.commit.id=abc\ngit.dirty=false\n")))
        .isEqualTo("abc");
    assertThat(BuildInfo.builtRevision(stream("git.dirty=false\n"))).isEqualTo("unknown");
    assertThat(BuildInfo.builtRevision(null)).isEqualTo("unknown");
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
