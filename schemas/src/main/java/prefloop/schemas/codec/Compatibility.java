package prefloop.schemas.codec;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Full (backward and forward) compatibility of a schema change, checked with Avro's {@link
 * SchemaCompatibility}: readers of the new version read data of the old one (backward), and readers
 * of the old version read data of the new one (forward).
 */
public final class Compatibility {
  private Compatibility() {}

  /** Problems of changing {@code previous} into {@code next}; empty when fully compatible. */
  public static List<String> problems(Schema previous, Schema next) {
    List<String> problems = new ArrayList<>();
    check("backward (new reader, old writer)", next, previous, problems);
    check("forward (old reader, new writer)", previous, next, problems);
    return problems;
  }

  private static void check(String direction, Schema reader, Schema writer, List<String> out) {
    SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
      result
          .getResult()
          .getIncompatibilities()
          .forEach(
              i ->
                  out.add(
                      direction
                          + ": "
                          + i.getType()
                          + " at "
                          + i.getLocation()
                          + ": "
                          + i.getMessage()));
    }
  }
}
