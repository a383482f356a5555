package prefloop.rater.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import prefloop.schemas.avro.GeneratedImage;
import prefloop.schemas.avro.PairScores;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.PreferenceLabel;
import prefloop.schemas.avro.RaterInfo;
import prefloop.schemas.avro.RaterKind;

/**
 * Reads a Preference from the JSON ingress format (see rater/README.md): the Avro field names, PNGs
 * as base64 strings, {@code rated_at} in epoch milliseconds. Strict: unknown fields, wrong types or
 * values out of range are rejected with a reason naming the field.
 */
public final class PreferenceJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS =
      Set.of(
          "pair_id",
          "prompt_id",
          "prompt",
          "policy_version",
          "images",
          "label",
          "rater",
          "scores",
          "confidence",
          "rated_at");
  private static final Set<String> IMAGE_FIELDS =
      Set.of("seed", "png_base64", "blob_uri", "width", "height");

  private PreferenceJson() {}

  /**
   * @throws InvalidPreferenceException naming the first problem found
   */
  public static Preference parse(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidPreferenceException("not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidPreferenceException("a preference must be a JSON object");
    }
    onlyKnown(root, FIELDS, "");
    long now = System.currentTimeMillis();
    return Preference.newBuilder()
        .setPairId(nonEmptyText(root, "pair_id"))
        .setPromptId(root.has("prompt_id") ? text(root, "prompt_id") : "")
        .setPrompt(text(root, "prompt"))
        .setPolicyVersion(nonNegativeLong(root, "policy_version"))
        .setImages(images(root.get("images")))
        .setLabel(label(root))
        .setRater(rater(root.get("rater")))
        .setScores(scores(root.get("scores")))
        .setConfidence(confidence(root))
        .setRatedAt(
            Instant.ofEpochMilli(root.has("rated_at") ? nonNegativeLong(root, "rated_at") : now))
        .build();
  }

  private static List<GeneratedImage> images(JsonNode node) {
    if (node == null || !node.isArray() || node.size() != 2) {
      throw new InvalidPreferenceException("images must be an array of exactly 2 images (A, B)");
    }
    List<GeneratedImage> images = new ArrayList<>(2);
    for (int i = 0; i < 2; i++) {
      JsonNode image = node.get(i);
      if (!image.isObject()) {
        throw new InvalidPreferenceException("images[" + i + "] must be an object");
      }
      String where = "images[" + i + "].";
      onlyKnown(image, IMAGE_FIELDS, where);
      boolean png = image.has("png_base64");
      boolean blob = image.has("blob_uri");
      if (png == blob) {
        throw new InvalidPreferenceException(
            where + "png_base64 or blob_uri: exactly one must be set");
      }
      images.add(
          GeneratedImage.newBuilder()
              .setSeed(longValue(image, "seed", where))
              .setPng(png ? ByteBuffer.wrap(base64(image, where)) : null)
              .setBlobUri(blob ? text(image, "blob_uri") : null)
              .setWidth(dimension(image, "width", where))
              .setHeight(dimension(image, "height", where))
              .build());
    }
    return images;
  }

  private static byte[] base64(JsonNode image, String where) {
    try {
      return Base64.getDecoder().decode(text(image, "png_base64"));
    } catch (IllegalArgumentException e) {
      throw new InvalidPreferenceException(where + "png_base64 is not base64: " + e.getMessage());
    }
  }

  private static PreferenceLabel label(JsonNode root) {
    String label = text(root, "label");
    try {
      return PreferenceLabel.valueOf(label);
    } catch (IllegalArgumentException e) {
      throw new InvalidPreferenceException(
          "label must be one of A, B, TIE, SKIP, BAD, was '" + label + "'");
    }
  }

  private static RaterInfo rater(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new InvalidPreferenceException(
          "rater must be an object {\"id\": ..., \"kind\": \"HUMAN\"|\"MODEL\"}");
    }
    onlyKnown(node, Set.of("id", "kind"), "rater.");
    String kind = node.has("kind") ? text(node, "kind") : "HUMAN";
    try {
      return new RaterInfo(nonEmptyText(node, "id"), RaterKind.valueOf(kind));
    } catch (IllegalArgumentException e) {
      throw new InvalidPreferenceException("rater.kind must be HUMAN or MODEL, was '" + kind + "'");
    }
  }

  private static Map<String, PairScores> scores(JsonNode node) {
    Map<String, PairScores> scores = new LinkedHashMap<>();
    if (node == null) {
      return scores;
    }
    if (!node.isObject()) {
      throw new InvalidPreferenceException(
          "scores must be an object {\"model\": {\"a\": 0.1, \"b\": 0.2}}");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String where = "scores." + e.getKey() + ".";
      JsonNode ab = e.getValue();
      if (!ab.isObject()) {
        throw new InvalidPreferenceException(where + " must be {\"a\": number, \"b\": number}");
      }
      onlyKnown(ab, Set.of("a", "b"), where);
      scores.put(e.getKey(), new PairScores(finite(ab, "a", where), finite(ab, "b", where)));
    }
    return scores;
  }

  private static double confidence(JsonNode root) {
    if (!root.has("confidence")) {
      return 1.0;
    }
    double c = finite(root, "confidence", "");
    if (c < 0 || c > 1) {
      throw new InvalidPreferenceException("confidence must be in [0, 1], was " + c);
    }
    return c;
  }

  private static void onlyKnown(JsonNode node, Set<String> known, String where) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw new InvalidPreferenceException(
            "unknown field '" + where + name + "'; allowed: " + known);
      }
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new InvalidPreferenceException(field + " must be a string");
    }
    return value.asText();
  }

  private static String nonEmptyText(JsonNode node, String field) {
    String value = text(node, field);
    if (value.isBlank()) {
      throw new InvalidPreferenceException(field + " must not be empty");
    }
    return value;
  }

  private static long nonNegativeLong(JsonNode node, String field) {
    long value = longValue(node, field, "");
    if (value < 0) {
      throw new InvalidPreferenceException(field + " must be ≥ 0, was " + value);
    }
    return value;
  }

  private static long longValue(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
      throw new InvalidPreferenceException(where + field + " must be an integer");
    }
    return value.asLong();
  }

  private static int dimension(JsonNode node, String field, String where) {
    long value = longValue(node, field, where);
    if (value < 1 || value > 16384) {
      throw new InvalidPreferenceException(where + field + " must be in [1, 16384], was " + value);
    }
    return (int) value;
  }

  private static double finite(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
      throw new InvalidPreferenceException(where + field + " must be a finite number");
    }
    return value.asDouble();
  }
}
