package prefloop.learner.core;

/** Shared validation for the core's config records: the message names the key and the range. */
final class ConfigChecks {

  private ConfigChecks() {}

  static void require(boolean ok, String key, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(key + " = " + value + " is invalid: must be " + allowed);
    }
  }
}
