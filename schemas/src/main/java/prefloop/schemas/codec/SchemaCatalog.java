package prefloop.schemas.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import prefloop.schemas.avro.DeadLetter;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.LearnerMetrics;
import prefloop.schemas.avro.ModelUpdate;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.PromptRequest;

/**
 * Every message schema we have ever published, by CRC-64-AVRO fingerprint: the current version of
 * each message (from the generated classes) plus the published versions committed under {@code
 * prefloop/schemas/history/<Message>/v<n>.avsc}. It is the {@link SchemaStore} that single-object
 * decoders resolve writer schemas through, so no registry server is needed. Immutable.
 */
public final class SchemaCatalog implements SchemaStore {

  /** The top-level messages, in topic order. */
  public static final List<Class<? extends SpecificRecord>> MESSAGE_TYPES =
      List.of(
          PromptRequest.class,
          GeneratedPair.class,
          Preference.class,
          ModelUpdate.class,
          LearnerMetrics.class,
          DeadLetter.class);

  static final String HISTORY_ROOT = "prefloop/schemas/history/";

  private final Map<String, Schema> current;
  private final Map<String, List<Schema>> history;
  private final Map<Long, Schema> byFingerprint;

  private SchemaCatalog(
      Map<String, Schema> current, Map<String, List<Schema>> history, List<Schema> extra) {
    this.current = Map.copyOf(current);
    this.history = Map.copyOf(history);
    Map<Long, Schema> fingerprints = new LinkedHashMap<>();
    history
        .values()
        .forEach(versions -> versions.forEach(s -> fingerprints.put(fingerprint(s), s)));
    current.values().forEach(s -> fingerprints.put(fingerprint(s), s));
    extra.forEach(s -> fingerprints.put(fingerprint(s), s));
    this.byFingerprint = Map.copyOf(fingerprints);
  }

  /** The catalog of this build: current schemas and every committed published version. */
  public static SchemaCatalog load() {
    Map<String, Schema> current = new LinkedHashMap<>();
    Map<String, List<Schema>> history = new LinkedHashMap<>();
    for (Class<? extends SpecificRecord> type : MESSAGE_TYPES) {
      Schema schema = SpecificData.get().getSchema(type);
      current.put(schema.getName(), schema);
      history.put(schema.getName(), loadHistory(schema.getName()));
    }
    return new SchemaCatalog(current, history, List.of());
  }

  /** A copy that also resolves {@code schemas} (e.g. a newer version a test writes with). */
  public SchemaCatalog with(Schema... schemas) {
    List<Schema> extra = new ArrayList<>(byFingerprint.values());
    extra.addAll(List.of(schemas));
    return new SchemaCatalog(current, history, extra);
  }

  /** CRC-64-AVRO fingerprint of the schema's parsing canonical form, as single-object encoding. */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  @Override
  public Schema findByFingerprint(long fingerprint) {
    return byFingerprint.get(fingerprint);
  }

  /** The current schema of a message, by simple name (e.g. {@code "Preference"}). */
  public Schema current(String messageName) {
    Schema schema = current.get(messageName);
    if (schema == null) {
      throw new IllegalArgumentException(
          "unknown message '" + messageName + "'; known: " + current.keySet());
    }
    return schema;
  }

  /** Published versions of a message, oldest first (v1 at index 0); empty if never published. */
  public List<Schema> history(String messageName) {
    current(messageName);
    return history.get(messageName);
  }

  /** The last published version of a message, or the current one if none was published yet. */
  public Schema previous(String messageName) {
    List<Schema> versions = history(messageName);
    return versions.isEmpty() ? current(messageName) : versions.get(versions.size() - 1);
  }

  /** Resource path of version {@code n} (1-based) of a message's published schema. */
  public static String historyResource(String messageName, int n) {
    return HISTORY_ROOT + messageName + "/v" + n + ".avsc";
  }

  private static List<Schema> loadHistory(String messageName) {
    List<Schema> versions = new ArrayList<>();
    ClassLoader loader = SchemaCatalog.class.getClassLoader();
    for (int n = 1; ; n++) {
      String resource = historyResource(messageName, n);
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          return List.copyOf(versions);
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read schema history " + resource, e);
      }
    }
  }
}
