package prefloop.rater.human;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
  void aTokenPastItsExpiryStopsWorking(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tokens");
    Instant now = Instant.parse("2026-12-03T12:00:00Z");
    String ann = RaterTokens.add(file, "ann", now.plus(Duration.ofDays(1)));
    String bob = RaterTokens.add(file, "bob");

    RaterTokens today = RaterTokens.load(file, Clock.fixed(now, ZoneOffset.UTC));
    RaterTokens later =
        RaterTokens.load(file, Clock.fixed(now.plus(Duration.ofDays(2)), ZoneOffset.UTC));

    assertThat(today.raterFor(ann)).contains("ann");
    assertThat(later.raterFor(ann)).as("expired").isEmpty();
    assertThat(later.raterFor(bob)).as("never expires").contains("bob");
    assertThat(Files.readString(file)).contains("2026-12-04T12:00:00Z");
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
