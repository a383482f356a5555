package prefloop.reliability;

import java.util.SplittableRandom;

/**
 * Hostile JSON texts for the JSON ingress: truncations, wrong types, unknown fields, huge and
 * exotic strings, deep nesting, random bytes. Deterministic for a seed.
 */
final class JsonMutator {
  static final String VALID =
      "{\"pair_id\": \"pair-7\", \"prompt\": \"a small red circle on a blue background, top left\","
          + " \"policy_version\": 3, \"label\": \"B\", \"rater\": {\"id\": \"fuzz\"},"
          + " \"images\": [{\"seed\": 1, \"png_base64\": \"iVBORw0K\", \"width\": 32, \"height\": 32},"
          + " {\"seed\": 2, \"png_base64\": \"iVBORw0K\", \"width\": 32, \"height\": 32}]}";

  private static final String[] EXOTIC = {
    "\u0000", "\uFEFF", "\u202E", "😀", "日本語", "<script>alert(1)</script>", "\"", "\\", "\uD800"
  };

  private final SplittableRandom random;

  JsonMutator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  String next() {
    return switch (random.nextInt(7)) {
      case 0 -> VALID.substring(0, random.nextInt(VALID.length()));
      case 1 -> VALID.replace("\"policy_version\": 3", "\"policy_version\": \"three\"");
      case 2 -> VALID.replace("\"label\": \"B\"", "\"label\": " + random.nextInt());
      case 3 ->
          VALID.replace("{\"pair_id\"", "{\"unknown_" + random.nextInt(100) + "\": 1, \"pair_id\"");
      case 4 ->
          VALID.replace(
              "\"label\": \"B\"", "\"label\": \"" + exotic(1 + random.nextInt(200_000)) + "\"");
      case 5 -> "[".repeat(1 + random.nextInt(5000));
      default -> randomText(random.nextInt(256));
    };
  }

  private String exotic(int length) {
    StringBuilder out = new StringBuilder(length);
    while (out.length() < length) {
      out.append(EXOTIC[random.nextInt(EXOTIC.length)]);
    }
    return out.toString();
  }

  private String randomText(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) random.nextInt(0x3000));
    }
    return out.toString();
  }
}
