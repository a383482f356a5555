package prefloop.rater.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import prefloop.schemas.avro.GeneratedImage;
import prefloop.schemas.avro.PairScores;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.PreferenceLabel;
import prefloop.schemas.avro.RaterInfo;
import prefloop.schemas.avro.RaterKind;
import prefloop.schemas.avro.ScoredGroup;

/**
 * Reads a Preference from the JSON ingress format: a record is checked against the JSON Schema
 * {@value #SCHEMA} (networknt's validator; writers in other languages can check their records
 * against the same file), then bound to the Avro message. Unknown fields, wrong types and values
 * out of range are rejected with every problem named by its JSON path.
 */
public final class PreferenceJson {
  /** The ingress format, on the classpath and in the repository under rater/src/main/resources. */
  public static final String SCHEMA = "/schemas/preference-ingress.schema.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchema VALIDATOR = load();

  private PreferenceJson() {}

  /**
   * @throws InvalidPreferenceException naming every problem found
   */
  public static Preference parse(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidPreferenceException("not JSON: " + e.getOriginalMessage());
    }
    if (root == null) {
      throw new InvalidPreferenceException("a preference must be a JSON object, got nothing");
    }
    Set<ValidationMessage> problems = VALIDATOR.validate(root);
    if (!problems.isEmpty()) {
      throw new InvalidPreferenceException(
          problems.stream()
              .map(ValidationMessage::getMessage)
              .sorted()
              .collect(Collectors.joining("; ")));
    }
    JsonNode rater = root.get("rater");
    return Preference.newBuilder()
        .setPairId(root.get("pair_id").asText())
        .setPromptId(root.path("prompt_id").asText(""))
        .setPrompt(root.get("prompt").asText())
        .setPolicyVersion(exactLong(root.get("policy_version"), "$.policy_version"))
        .setImages(images(root.get("images")))
        .setLabel(PreferenceLabel.valueOf(root.get("label").asText()))
        .setRater(
            new RaterInfo(
                rater.get("id").asText(), RaterKind.valueOf(rater.path("kind").asText("HUMAN"))))
        .setScores(scores(root.get("scores")))
        .setConfidence(root.path("confidence").asDouble(1.0))
        .setGroup(group(root.get("group")))
        .setRatedAt(Instant.ofEpochMilli(root.path("rated_at").asLong(System.currentTimeMillis())))
        .build();
  }

  private static List<GeneratedImage> images(JsonNode node) {
    List<GeneratedImage> images = new ArrayList<>(2);
    for (int i = 0; i < node.size(); i++) {
      JsonNode image = node.get(i);
      images.add(
          GeneratedImage.newBuilder()
              .setSeed(exactLong(image.get("seed"), "$.images[" + i + "].seed"))
              .setPng(image.has("png_base64") ? ByteBuffer.wrap(png(image, i)) : null)
              .setBlobUri(image.has("blob_uri") ? image.get("blob_uri").asText() : null)
              .setWidth(image.get("width").asInt())
              .setHeight(image.get("height").asInt())
              .build());
    }
    return images;
  }

  /**
   * A JSON integer as a long. The schema says "integer", but its validator lets a number such as
   * 1e30 through, which {@code asLong} would silently clamp.
   */
  private static long exactLong(JsonNode value, String path) {
    if (!value.canConvertToExactIntegral() || !value.canConvertToLong()) {
      throw new InvalidPreferenceException(path + ": must be an integer of 64 bits at most");
    }
    return value.asLong();
  }

  private static byte[] png(JsonNode image, int i) {
    try {
      return Base64.getDecoder().decode(image.get("png_base64").asText());
    } catch (IllegalArgumentException e) {
      throw new InvalidPreferenceException(
          "$.images[" + i + "].png_base64: not base64: " + e.getMessage());
    }
  }

  private static Map<String, PairScores> scores(JsonNode node) {
    Map<String, PairScores> scores = new LinkedHashMap<>();
    if (node == null) {
      return scores;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      double a = e.getValue().get("a").asDouble();
      double b = e.getValue().get("b").asDouble();
      if (!Double.isFinite(a) || !Double.isFinite(b)) {
        throw new InvalidPreferenceException(
            "$.scores." + e.getKey() + ": a and b must be finite numbers");
      }
      scores.put(e.getKey(), new PairScores(a, b));
    }
    return scores;
  }

  private static ScoredGroup group(JsonNode node) {
    if (node == null) {
      return null;
    }
    List<Double> rewards = new ArrayList<>();
    for (JsonNode reward : node.get("rewards")) {
      if (!Double.isFinite(reward.asDouble())) {
        throw new InvalidPreferenceException("$.group.rewards: must be finite numbers");
      }
      rewards.add(reward.asDouble());
    }
    int a = node.get("a_index").asInt();
    int b = node.get("b_index").asInt();
    if (a == b || a >= rewards.size() || b >= rewards.size()) {
      throw new InvalidPreferenceException(
          "$.group: a_index and b_index must be two different positions among the "
              + rewards.size()
              + " rewards, got "
              + a
              + " and "
              + b);
    }
    return new ScoredGroup(rewards, a, b);
  }

  private static JsonSchema load() {
    try (InputStream schema = PreferenceJson.class.getResourceAsStream(SCHEMA)) {
      if (schema == null) {
        throw new IllegalStateException(
            "the ingress schema " + SCHEMA + " is not on the classpath");
      }
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ingress schema " + SCHEMA, e);
    }
  }
}
