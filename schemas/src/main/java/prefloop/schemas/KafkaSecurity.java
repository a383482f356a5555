package prefloop.schemas;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka client settings for a secured cluster (SASL, TLS), shared by every client prefloop creates:
 * each environment variable {@code PREFLOOP_KAFKA_<NAME>} becomes the client property {@code
 * <name>} in lower case with '_' as '.', e.g. {@code PREFLOOP_KAFKA_SECURITY_PROTOCOL=SASL_SSL} is
 * {@code security.protocol=SASL_SSL}, and {@code PREFLOOP_KAFKA_SASL_JAAS_CONFIG} is {@code
 * sasl.jaas.config}. A system property {@code prefloop.kafka.<name>} does the same and wins.
 * docs/KAFKA_SECURITY.md shows SCRAM, mTLS and the ACLs each service needs.
 */
public final class KafkaSecurity {
  private static final String ENV_PREFIX = "PREFLOOP_KAFKA_";
  private static final String PROPERTY_PREFIX = "prefloop.kafka.";

  private KafkaSecurity() {}

  /** The client properties from the environment and system properties (empty when none). */
  public static Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>();
    System.getenv()
        .forEach(
            (name, value) -> {
              if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                settings.put(propertyOf(name), value);
              }
            });
    System.getProperties()
        .forEach(
            (name, value) -> {
              String key = name.toString();
              if (key.startsWith(PROPERTY_PREFIX) && key.length() > PROPERTY_PREFIX.length()) {
                settings.put(key.substring(PROPERTY_PREFIX.length()), value.toString());
              }
            });
    return settings;
  }

  /**
   * The client property an environment variable sets: PREFLOOP_KAFKA_SASL_MECHANISM →
   * sasl.mechanism.
   */
  static String propertyOf(String environmentVariable) {
    return environmentVariable
        .substring(ENV_PREFIX.length())
        .toLowerCase(Locale.ROOT)
        .replace('_', '.');
  }

  /** {@code config} with the security settings added (a new, mutable map). */
  public static Map<String, Object> with(Map<String, Object> config) {
    Map<String, Object> secured = new HashMap<>(config);
    secured.putAll(settings());
    return secured;
  }

  /** Adds the security settings to {@code config}; returns it. */
  public static Properties addTo(Properties config) {
    config.putAll(settings());
    return config;
  }
}
