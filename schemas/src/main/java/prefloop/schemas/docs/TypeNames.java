package prefloop.schemas.docs;

import java.util.stream.Collectors;
import org.apache.avro.Schema;

/** Short, readable names of Avro types for the docs tables. */
final class TypeNames {
  private TypeNames() {}

  static String of(Schema s) {
    return switch (s.getType()) {
      case UNION -> s.getTypes().stream().map(TypeNames::of).collect(Collectors.joining(" \\| "));
      case ARRAY -> "array&lt;" + of(s.getElementType()) + "&gt;";
      case MAP -> "map&lt;string, " + of(s.getValueType()) + "&gt;";
      case RECORD -> "record " + s.getName() + " {" + fields(s) + "}";
      case ENUM -> "enum " + s.getName() + " {" + String.join(", ", s.getEnumSymbols()) + "}";
      default ->
          s.getLogicalType() == null
              ? s.getType().getName()
              : s.getLogicalType().getName() + " (" + s.getType().getName() + ")";
    };
  }

  private static String fields(Schema record) {
    return record.getFields().stream()
        .map(f -> f.name() + ": " + of(f.schema()))
        .collect(Collectors.joining(", "));
  }
}
