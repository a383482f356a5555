package prefloop.app.dashboard;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How far the people rating pairs can be trusted, as the rater's page API reports it ({@code GET
 * /api/stats}): Krippendorff's α across raters, Cohen's κ per two raters, and each rater's labels,
 * agreement with the reward models, estimated accuracy and exclusion. Polled, never blocking the
 * caller; the latest answer (or why there is none) is what the dashboard shows.
 */
final class PeopleFeed {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final URI stats;
  private final LongSupplier clock;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private volatile JsonObject latest;
  private volatile long updatedAt = -1;
  private volatile String problem;

  /**
   * @param raterUrl the rater's base URL, e.g. {@code http://127.0.0.1:8082/}
   */
  PeopleFeed(String raterUrl, LongSupplier clock) {
    String base = raterUrl.endsWith("/") ? raterUrl : raterUrl + "/";
    this.stats = URI.create(base).resolve("api/stats");
    this.clock = clock;
  }

  /** Asks the rater once; the answer lands in {@link #toJson()} when it comes. */
  void poll() {
    HttpRequest request = HttpRequest.newBuilder(stats).timeout(TIMEOUT).GET().build();
    client
        .sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .whenComplete(
            (response, failure) -> {
              if (failure != null) {
                problem = "the rater at " + stats + " cannot be reached: " + failure.getMessage();
              } else if (response.statusCode() != 200) {
                problem = "the rater at " + stats + " answered " + response.statusCode();
              } else {
                accept(response.body());
              }
            });
  }

  private void accept(String body) {
    try {
      JsonObject answer = new JsonObject(body);
      latest =
          new JsonObject()
              .put("agreement", answer.getJsonObject("agreement", new JsonObject()))
              .put("raters", answer.getJsonObject("raters", new JsonObject()))
              .put("settled", answer.getValue("settled"))
              .put("waiting", answer.getValue("waiting"));
      updatedAt = clock.getAsLong();
      problem = null;
    } catch (DecodeException | ClassCastException e) {
      problem = "the rater at " + stats + " sent stats that are not JSON of the expected shape";
    }
  }

  /** The latest stats with their time, or why there are none yet. */
  JsonObject toJson() {
    JsonObject stats = latest;
    JsonObject json =
        stats == null ? new JsonObject().put("raters", new JsonObject()) : stats.copy();
    return json.put("source", this.stats.toString())
        .put("updated", updatedAt < 0 ? null : updatedAt)
        .put("problem", problem);
  }
}
