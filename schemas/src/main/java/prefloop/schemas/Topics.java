package prefloop.schemas;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import prefloop.schemas.avro.DeadLetter;
import prefloop.schemas.avro.GeneratedPair;
import prefloop.schemas.avro.LearnerMetrics;
import prefloop.schemas.avro.ModelUpdate;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.PromptRequest;
import prefloop.schemas.codec.AvroSerde;
import prefloop.schemas.codec.MessageCodec;
import prefloop.schemas.codec.SchemaCatalog;

/**
 * The typed registry of our topics, named {@code <prefix><topic>} (default prefix {@value
 * #DEFAULT_PREFIX}). Work-sharing topics get {@code partitions} partitions so generators and raters
 * scale in consumer groups; the others get one. Immutable.
 */
public final class Topics {
  public static final String DEFAULT_PREFIX = "prefloop.";
  public static final int DEFAULT_PARTITIONS = 3;

  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]*");

  private final String prefix;
  private final SchemaCatalog catalog;
  private final Topic<String, PromptRequest> prompts;
  private final Topic<String, GeneratedPair> pairs;
  private final Topic<String, Preference> preferences;
  private final Topic<String, String> preferencesJson;
  private final Topic<String, ModelUpdate> modelUpdates;
  private final Topic<String, LearnerMetrics> metrics;
  private final Topic<String, DeadLetter> deadLetter;

  /**
   * @param prefix prepended to every topic name; letters, digits, '.', '_', '-' only
   * @param partitions partitions of prompts, pairs and preferences topics, in [1, 1000]
   * @param catalog schemas the serdes resolve writer fingerprints through
   */
  public Topics(String prefix, int partitions, SchemaCatalog catalog) {
    if (prefix == null || !LEGAL.matcher(prefix).matches() || prefix.length() > 200) {
      throw new IllegalArgumentException(
          "topic prefix must be at most 200 of [a-zA-Z0-9._-], was '" + prefix + "'");
    }
    this.prefix = prefix;
    this.catalog = catalog;
    Serde<String> keys = Serdes.String();
    prompts =
        avro("prompts", PromptRequest.class, partitions, CleanupPolicy.DELETE, "PromptRequest.id");
    pairs = avro("pairs", GeneratedPair.class, partitions, CleanupPolicy.DELETE, "pair_id");
    preferences =
        avro("preferences", Preference.class, partitions, CleanupPolicy.DELETE, "pair_id");
    preferencesJson =
        new Topic<>(
            prefix + "preferences-json",
            keys,
            Serdes.String(),
            null,
            partitions,
            CleanupPolicy.DELETE,
            "pair_id",
            "JSON ingress: a Preference as JSON text (see the schema), validated and forwarded to"
                + " the preferences topic by the rater.");
    modelUpdates =
        avro(
            "model-updates",
            ModelUpdate.class,
            1,
            CleanupPolicy.COMPACT,
            "role (POLICY or REFERENCE): the latest update of each role is kept");
    metrics = avro("metrics", LearnerMetrics.class, 1, CleanupPolicy.DELETE, "learner_id");
    deadLetter = avro("dead-letter", DeadLetter.class, 1, CleanupPolicy.DELETE, "source_topic");
  }

  /** Topics named {@code prefix + name}, default partitions, this build's schema catalog. */
  public static Topics withPrefix(String prefix) {
    return new Topics(prefix, DEFAULT_PARTITIONS, SchemaCatalog.load());
  }

  /** Topics with the default prefix {@value #DEFAULT_PREFIX}. */
  public static Topics defaults() {
    return withPrefix(DEFAULT_PREFIX);
  }

  private <T extends SpecificRecord> Topic<String, T> avro(
      String name, Class<T> type, int partitions, CleanupPolicy policy, String keyDoc) {
    MessageCodec<T> codec = MessageCodec.of(type, catalog);
    return new Topic<>(
        prefix + name,
        Serdes.String(),
        new AvroSerde<>(codec),
        codec.schema(),
        partitions,
        policy,
        keyDoc,
        codec.schema().getDoc());
  }

  public String prefix() {
    return prefix;
  }

  public SchemaCatalog catalog() {
    return catalog;
  }

  /** PromptRequest, keyed by request id. */
  public Topic<String, PromptRequest> prompts() {
    return prompts;
  }

  /** GeneratedPair, keyed by pair id. */
  public Topic<String, GeneratedPair> pairs() {
    return pairs;
  }

  /** Preference, keyed by pair id. */
  public Topic<String, Preference> preferences() {
    return preferences;
  }

  /** Preference as JSON text (ingress for tools that do not speak Avro), keyed by pair id. */
  public Topic<String, String> preferencesJson() {
    return preferencesJson;
  }

  /** ModelUpdate, compacted, keyed by role name. */
  public Topic<String, ModelUpdate> modelUpdates() {
    return modelUpdates;
  }

  /** LearnerMetrics, keyed by learner id. */
  public Topic<String, LearnerMetrics> metrics() {
    return metrics;
  }

  /** DeadLetter, keyed by source topic. */
  public Topic<String, DeadLetter> deadLetter() {
    return deadLetter;
  }

  /** Every topic, in data-flow order. */
  public List<Topic<?, ?>> all() {
    return List.of(prompts, pairs, preferences, preferencesJson, modelUpdates, metrics, deadLetter);
  }

  /** The topic of that full name, if it is one of ours. */
  public Optional<Topic<?, ?>> byName(String name) {
    return all().stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
