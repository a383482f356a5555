package prefloop.schemas.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import prefloop.schemas.Topics;

class SchemaDocsTest {
  private static final Path DOCS = Path.of("").toAbsolutePath().getParent().resolve("docs");

  @Test
  void committedDocsAreUpToDate() throws IOException {
    Map<String, String> files = new SchemaDocs(Topics.defaults()).files();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path committed = DOCS.resolve(file.getKey());
      String text =
          Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "";
      assertThat(text)
          .as(
              "docs/%s is stale; regenerate with `%s`",
              file.getKey(), SchemaDocs.REGENERATE_COMMAND)
          .isEqualTo(file.getValue());
    }
  }

  @Test
  void pageDescribesFramingTopicsAndFields() {
    String md = new SchemaDocs(Topics.defaults()).markdown();
    assertThat(md)
        .contains("`0xC3 0x01`", "little-endian", "`prefloop.model-updates`", "compact")
        .contains("| `pair_id` | string | required |")
        .contains("timestamp-millis (long)");
  }

  @Test
  void headerHexIsLittleEndian() {
    assertThat(SchemaDocs.headerHex(0x0102030405060708L))
        .isEqualTo("c3 01 08 07 06 05 04 03 02 01");
  }
}
