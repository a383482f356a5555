package prefloop.rater.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import prefloop.world.PngCodec;
import prefloop.world.RgbImage;

/**
 * A reward model behind HTTP (how PickScore/HPSv2-style servers plug in). Protocol, one POST per
 * batch with {@code Content-Type: application/json}:
 *
 * <pre>
 *   request:  {"prompts": ["a small red circle ...", ...],
 *              "images_png_base64": ["iVBORw0KGgo...", ...]}     (same length, PNG, RGB)
 *   response: 200 {"scores": [0.73, ...]}                        (one number per image)
 * </pre>
 *
 * Each attempt has the configured timeout; connection errors, timeouts, 429 and 5xx are retried
 * with exponential backoff up to {@code maxAttempts}; other statuses and malformed bodies fail at
 * once. Blocking: call it from a worker thread. Thread-safe.
 */
public final class RemoteModel implements RewardModel {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteModel.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final RemoteScorerConfig config;
  private final HttpClient client;
  private final RetryPolicy<double[]> retryPolicy;

  public RemoteModel(String name, RemoteScorerConfig config) {
    this.name = name;
    this.config = config;
    this.client = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
    this.retryPolicy = retryPolicy();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public double[] score(List<String> prompts, List<RgbImage> images) {
    RewardModel.checkBatch(prompts, images);
    String body = requestBody(prompts, images);
    try {
      return Failsafe.with(retryPolicy).get(() -> attempt(body, images.size()));
    } catch (RetryableException e) {
      throw new RewardModelException(
          "remote scorer "
              + name
              + " at "
              + config.url()
              + " failed "
              + config.maxAttempts()
              + " attempts; last: "
              + e.getMessage(),
          e.getCause());
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new RewardModelException(
          "remote scorer " + name + " interrupted between attempts: " + e.getMessage(), e);
    }
  }

  /** Retries failures worth another attempt, waiting backoff, then twice that, and so on. */
  private RetryPolicy<double[]> retryPolicy() {
    RetryPolicyBuilder<double[]> builder =
        RetryPolicy.<double[]>builder()
            .handle(RetryableException.class)
            .withMaxAttempts(config.maxAttempts())
            .onFailedAttempt(
                e ->
                    LOG.warn(
                        "remote scorer {} attempt {}/{} failed: {}",
                        name,
                        e.getAttemptCount(),
                        config.maxAttempts(),
                        e.getLastException().getMessage()));
    Duration first = config.backoff();
    if (config.maxAttempts() <= 2 || first.isZero()) {
      return builder.withDelay(first).build();
    }
    return builder.withBackoff(first, first.multipliedBy(1L << (config.maxAttempts() - 2))).build();
  }

  private double[] attempt(String body, int expected) {
    HttpRequest request =
        HttpRequest.newBuilder(config.url())
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new RetryableException("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RewardModelException("interrupted while calling remote scorer " + name, e);
    }
    int status = response.statusCode();
    if (status == 429 || status >= 500) {
      throw new RetryableException("HTTP " + status + ": " + abbreviate(response.body()), null);
    }
    if (status != 200) {
      throw new RewardModelException(
          "remote scorer "
              + name
              + " answered HTTP "
              + status
              + ": "
              + abbreviate(response.body()));
    }
    return parseScores(response.body(), expected);
  }

  private double[] parseScores(String body, int expected) {
    try {
      JsonNode scores = JSON.readTree(body).path("scores");
      if (!scores.isArray() || scores.size() != expected) {
        throw new RewardModelException(
            "remote scorer "
                + name
                + " must answer {\"scores\": ["
                + expected
                + " numbers]}, got "
                + abbreviate(body));
      }
      double[] result = new double[expected];
      for (int i = 0; i < expected; i++) {
        if (!scores.get(i).isNumber()) {
          throw new RewardModelException(
              "remote scorer " + name + ": score " + i + " is not a number");
        }
        result[i] = scores.get(i).asDouble();
      }
      return result;
    } catch (IOException e) {
      throw new RewardModelException(
          "remote scorer " + name + " sent malformed JSON: " + e.getMessage(), e);
    }
  }

  static String requestBody(List<String> prompts, List<RgbImage> images) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode p = root.putArray("prompts");
    prompts.forEach(p::add);
    ArrayNode i = root.putArray("images_png_base64");
    Base64.Encoder base64 = Base64.getEncoder();
    for (RgbImage image : images) {
      i.add(base64.encodeToString(PngCodec.encode(image, Map.of())));
    }
    return root.toString();
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }

  /** A failure worth another attempt. */
  private static final class RetryableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RetryableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
