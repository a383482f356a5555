package prefloop.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * The loop's configuration as YAML: {@code up --print-config} writes the effective one, and {@code
 * up --config FILE} lays a file over the defaults. A file holds any subset of the four services'
 * settings, by their record component names ({@code generator}, {@code rater}, {@code learner},
 * {@code dashboard}); what it leaves out keeps its default, and a name that does not exist is an
 * error, so a typo cannot pass unnoticed. Every value is checked by its record as if set in code.
 */
final class LoopConfigFile {
  private static final ObjectMapper YAML = mapper();

  private LoopConfigFile() {}

  /** {@code defaults} with every setting {@code file} names replaced by the file's value. */
  static LoopPlan over(LoopPlan defaults, Path file) throws IOException {
    return layered(defaults, file, emptyLayer());
  }

  /**
   * {@code defaults}, then {@code file} (null for none) over them, then {@code flags} over both:
   * the command line's explicit settings, in the file's shape.
   */
  static LoopPlan layered(LoopPlan defaults, Path file, ObjectNode flags) throws IOException {
    ObjectNode merged = YAML.valueToTree(defaults);
    if (file != null) {
      merge(merged, read(file), "");
    }
    merge(merged, flags, "");
    try {
      return YAML.treeToValue(merged, LoopPlan.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          (file == null ? "configuration" : "config file " + file)
              + ": "
              + rootCause(e).getMessage()
              + " (up --print-config shows every setting)",
          e);
    }
  }

  /** An empty layer of settings, to fill in the file's shape. */
  static ObjectNode emptyLayer() {
    return YAML.createObjectNode();
  }

  /** {@code value} as a node of a layer (a record, a list of records). */
  static JsonNode node(Object value) {
    return YAML.valueToTree(value);
  }

  /**
   * The effective configuration, as a file {@link #over} reads. The rater's shared token is left
   * out: it is a secret, and printing it would put it in terminals and logs.
   */
  static String print(LoopPlan plan) {
    ObjectNode tree = YAML.valueToTree(plan);
    ((ObjectNode) tree.get("rater")).remove("token");
    try {
      return YAML.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the configuration as YAML", e);
    }
  }

  private static ObjectNode read(Path file) throws IOException {
    JsonNode overrides;
    try {
      overrides = YAML.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "config file " + file + " is not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (overrides == null || overrides.isNull() || overrides.isMissingNode()) {
      return emptyLayer();
    }
    if (!overrides.isObject()) {
      throw new IllegalArgumentException(
          "config file " + file + " must be a mapping of generator, rater, learner, dashboard");
    }
    return (ObjectNode) overrides;
  }

  /** Copies every value of {@code overrides} into {@code target}, mappings merged key by key. */
  private static void merge(ObjectNode target, ObjectNode overrides, String path) {
    Iterator<Map.Entry<String, JsonNode>> fields = overrides.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      JsonNode current = target.get(field.getKey());
      if (current == null) {
        throw new IllegalArgumentException(
            "unknown setting '" + name + "' (up --print-config lists every setting)");
      }
      if (current.isObject() && field.getValue().isObject()) {
        merge((ObjectNode) current, (ObjectNode) field.getValue(), name);
      } else {
        target.set(field.getKey(), field.getValue());
      }
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static ObjectMapper mapper() {
    SimpleModule paths = new SimpleModule("paths");
    paths.addSerializer(Path.class, ToStringSerializer.instance);
    ObjectMapper mapper =
        new ObjectMapper(
            new YAMLFactory()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    mapper.registerModule(new JavaTimeModule());
    mapper.registerModule(paths);
    mapper.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    return mapper;
  }
}
