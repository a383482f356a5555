package prefloop.schemas.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaFormatter;
import prefloop.schemas.Topics;
import prefloop.schemas.codec.Compatibility;
import prefloop.schemas.codec.SchemaCatalog;

/**
 * Publishes schema versions and regenerates the docs. For each message whose current schema is not
 * the last committed version, checks full compatibility with it and appends it to the history; then
 * writes {@code docs/schemas.md} and {@code docs/schemas/*.avsc.json}. Argument: the repository
 * root (default {@code ..}, the parent of the schemas module).
 */
public final class SchemaDocsCommand {
  private SchemaDocsCommand() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "..").toAbsolutePath().normalize();
    Path history = root.resolve("schemas/src/main/resources");
    SchemaCatalog catalog = SchemaCatalog.load();
    for (Class<?> type : SchemaCatalog.MESSAGE_TYPES) {
      publish(catalog, type.getSimpleName(), history);
    }
    Map<String, String> files = new SchemaDocs(Topics.defaults()).files();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = root.resolve("docs").resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
    }
    System.out.println("wrote " + files.size() + " files under " + root.resolve("docs"));
  }

  private static void publish(SchemaCatalog catalog, String name, Path resources)
      throws IOException {
    Schema current = catalog.current(name);
    List<Schema> versions = catalog.history(name);
    if (!versions.isEmpty()) {
      Schema last = versions.get(versions.size() - 1);
      if (SchemaCatalog.fingerprint(last) == SchemaCatalog.fingerprint(current)) {
        return;
      }
      List<String> problems = Compatibility.problems(last, current);
      if (!problems.isEmpty()) {
        throw new IllegalStateException(
            name
                + " is not compatible with its last published version; make new fields"
                + " optional with defaults and give enums a default: "
                + problems);
      }
    }
    Path file = resources.resolve(SchemaCatalog.historyResource(name, versions.size() + 1));
    Files.createDirectories(file.getParent());
    Files.writeString(
        file, SchemaFormatter.format("json/pretty", current) + "\n", StandardCharsets.UTF_8);
    System.out.println("published " + name + " as " + file);
  }
}
