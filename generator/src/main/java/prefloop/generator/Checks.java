package prefloop.generator;

/** Range checks for config records: the message names the key and the allowed range. */
final class Checks {
  private Checks() {}

  static void range(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          key + " = " + value + " must be in [" + min + ", " + max + "]");
    }
  }

  static void nonBlank(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " must be set (non-blank)");
    }
  }
}
