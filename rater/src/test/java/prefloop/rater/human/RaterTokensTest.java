package prefloop.rater.human;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaterTokensTest {

  @Test
  void aTokenNamesItsRaterAndTheFileHoldsOnlyItsHash(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tokens");
    String ann = RaterTokens.add(file, "ann");
    String bob = RaterTokens.add(file, "bob");
    RaterTokens tokens = RaterTokens.load(file);

    assertThat(tokens.raterFor(ann)).contains("ann");
    assertThat(tokens.raterFor(bob)).contains("bob");
    assertThat(tokens.raterFor(ann + "x")).isEmpty();
    assertThat(tokens.raterFor("")).isEmpty();
    assertThat(tokens.raterFor(null)).isEmpty();
    String text = Files.readString(file);
    assertThat(text).doesNotContain(ann).contains(RaterTokens.sha256(ann));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(RaterTokens.names(file)).containsExactly("ann", "bob");
  }

  @Test
  void aRemovedTokenStopsWorkingWithoutARestart(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tokens");
    String ann = RaterTokens.add(file, "ann");
    RaterTokens tokens = RaterTokens.load(file);
    assertThat(tokens.raterFor(ann)).contains("ann");

    assertThat(RaterTokens.remove(file, "ann")).isTrue();
    assertThat(tokens.raterFor(ann)).isEmpty();
    String cy = RaterTokens.add(file, "cy");
    assertThat(tokens.raterFor(cy)).contains("cy");
    assertThat(RaterTokens.remove(file, "nobody")).isFalse();
  }

  @Test
  void refusesDuplicateAndInvalidNamesAndAMissingOrBrokenFileWithWhatToDo(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("tokens");
    RaterTokens.add(file, "ann");
    assertThatThrownBy(() -> RaterTokens.add(file, "ann")).hasMessageContaining("already has");
    assertThatThrownBy(() -> RaterTokens.add(file, "<script>")).hasMessageContaining("rater name");
    assertThatThrownBy(() -> RaterTokens.load(dir.resolve("none")))
        .hasMessageContaining("prefloop rater tokens add");
    Path broken = dir.resolve("broken");
    Files.writeString(broken, "ann nohash\n");
    assertThatThrownBy(() -> RaterTokens.add(broken, "bob")).hasMessageContaining("bad line");
  }
}
