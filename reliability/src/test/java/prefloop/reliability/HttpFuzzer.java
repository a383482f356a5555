package prefloop.reliability;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random requests against one HTTP service: known and unknown paths, path traversal, long and
 * exotic query values, every method, random, oversized and malformed JSON bodies. Records what came
 * back.
 */
final class HttpFuzzer {
  private static final List<String> PATHS =
      List.of(
          "/health",
          "/metrics",
          "/status",
          "/generate",
          "/prompts",
          "/blobs/x.latents",
          "/blobs/..%2F..%2Fetc%2Fpasswd",
          "/api/next",
          "/api/label",
          "/api/undo",
          "/api/stats",
          "/api/config",
          "/rate/",
          "/rate/../../pom.xml",
          "/checkpoints/policy-v000001/manifest.json",
          "/checkpoints/..%2F/weights.params",
          "/api/state",
          "/grid/latest.png",
          "/grid/99999999999999999999.png",
          "/dashboard.js",
          "/%00",
          // java.net.URI refuses a raw malformed escape such as /%ZZ; this one decodes to it
          "/%25ZZ");
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");
  private static final List<String> VALUES =
      List.of(
          "",
          "-1",
          "0",
          "1",
          "16",
          "17",
          "9999999999999999999999",
          "NaN",
          "1e309",
          "a small red circle on a blue background, top left",
          "<script>alert(1)</script>",
          "日本語😀",
          "\u0000",
          "../../",
          "%");

  /** Loopback, small services: an answer later than this counts as none. */
  static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

  private final SplittableRandom random;
  // HTTP/1.1 as browsers speak it to http:// URLs; by default the JDK client asks for an h2c
  // upgrade, which Vert.x answers to oversized requests with GOAWAY or not at all (see
  // docs/RELIABILITY.md): a finding about the upgrade path, not about the services' handlers
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  HttpFuzzer(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** One random request to {@code base}. */
  HttpRequest next(String base) {
    String path = PATHS.get(random.nextInt(PATHS.size()));
    if (random.nextInt(10) == 0) {
      path = "/" + "x".repeat(random.nextInt(8000));
    }
    String uri = base + path + "?" + query();
    String method = METHODS.get(random.nextInt(METHODS.size()));
    return HttpRequest.newBuilder(URI.create(uri))
        .timeout(ANSWER_WITHIN)
        .header("Content-Type", random.nextBoolean() ? "application/json" : "text/plain")
        .method(method, HttpRequest.BodyPublishers.ofString(body()))
        .build();
  }

  /** Sends {@code request} and says what came back. */
  HttpAnswer send(HttpRequest request) throws InterruptedException {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new HttpAnswer(response.statusCode(), response.body(), null);
    } catch (java.io.IOException e) {
      return HttpAnswer.none(e);
    }
  }

  private String query() {
    StringBuilder q = new StringBuilder();
    for (String name : List.of("prompt", "seed", "n", "rater", "token", "pair_id")) {
      if (random.nextBoolean()) {
        String value = VALUES.get(random.nextInt(VALUES.size()));
        if (random.nextInt(20) == 0) {
          value = value.repeat(1 + random.nextInt(500));
        }
        q.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        q.append('&');
      }
    }
    return q.toString();
  }

  private String body() {
    return switch (random.nextInt(6)) {
      case 0 -> "";
      case 1 ->
          "{\"rater\": \""
              + VALUES.get(random.nextInt(VALUES.size()))
              + "\", \"pair_id\": "
              + random.nextInt()
              + ", \"choice\": \"A\"}";
      case 2 -> "{\"prompts\": [" + random.nextInt() + ", null, {}]}";
      case 3 -> "{".repeat(1 + random.nextInt(3000));
      case 4 -> "x".repeat(70_000 + random.nextInt(1_000_000));
      default -> JsonMutator.VALID.substring(0, random.nextInt(JsonMutator.VALID.length()));
    };
  }
}
