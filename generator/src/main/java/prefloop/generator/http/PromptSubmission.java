package prefloop.generator.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import prefloop.generator.prompt.PromptValidator;

/**
 * Parses the body of {@code POST /prompts}: JSON {@code {"text": "..."}} (or {@code {"texts":
 * [...]}}), or text/plain with one prompt per line. All prompts are validated before any is queued.
 */
public final class PromptSubmission {
  public static final int MAX_PROMPTS = 100;

  private PromptSubmission() {}

  /**
   * The canonical prompts of the body.
   *
   * @throws BadRequestException naming the first bad prompt (line or index) and why
   */
  public static List<String> parse(String contentType, String body, PromptValidator validator) {
    List<String> raw =
        contentType != null && contentType.toLowerCase().startsWith("application/json")
            ? fromJson(body)
            : fromLines(body);
    if (raw.isEmpty()) {
      throw new BadRequestException(
          "no prompt in the body: send {\"text\": \"...\"} as JSON or one prompt per line");
    }
    if (raw.size() > MAX_PROMPTS) {
      throw new BadRequestException(raw.size() + " prompts in one request; at most " + MAX_PROMPTS);
    }
    List<String> canonical = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      try {
        canonical.add(validator.canonical(raw.get(i)));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException("prompt " + (i + 1) + ": " + e.getMessage());
      }
    }
    return canonical;
  }

  private static List<String> fromJson(String body) {
    JsonObject json;
    try {
      json = new JsonObject(body == null ? "" : body);
    } catch (DecodeException | ClassCastException e) {
      throw new BadRequestException("the body is not a JSON object: " + e.getMessage());
    }
    Object text = json.getValue("text");
    Object texts = json.getValue("texts");
    List<String> result = new ArrayList<>();
    if (text instanceof String s) {
      result.add(s);
    } else if (texts instanceof JsonArray array) {
      for (Object item : array) {
        if (!(item instanceof String s)) {
          throw new BadRequestException("'texts' must be an array of strings");
        }
        result.add(s);
      }
    } else {
      throw new BadRequestException("the JSON body needs a string field 'text'");
    }
    return result;
  }

  private static List<String> fromLines(String body) {
    List<String> result = new ArrayList<>();
    if (body == null) {
      return result;
    }
    for (String line : body.split("\\R")) {
      if (!line.isBlank()) {
        result.add(line.strip());
      }
    }
    return result;
  }
}
