package prefloop.app.sentinel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import prefloop.diffusion.checkpoint.ServiceToken;

/** Asks the learner, over its HTTP API, to roll back ({@code POST /control/rollback}). Blocking. */
public final class LearnerControl {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI rollback;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /**
   * @param learnerUrl the learner's base URL, e.g. {@code http://127.0.0.1:8083/}
   */
  public LearnerControl(String learnerUrl) {
    String base = learnerUrl.endsWith("/") ? learnerUrl : learnerUrl + "/";
    this.rollback = URI.create(base).resolve("control/rollback");
  }

  /**
   * Requests a rollback to {@code version}, with the learning rate and β multiplied by the given
   * factors, and training paused after it when {@code pause}.
   *
   * @return the learner's answer (which version it goes back to)
   * @throws IOException when the learner cannot be reached or refuses
   */
  public String rollBack(
      long version, double learningRateFactor, double betaFactor, boolean pause, String reason)
      throws IOException {
    String body;
    try {
      body =
          JSON.writeValueAsString(
              Map.of(
                  "toVersion", version,
                  "learningRateFactor", learningRateFactor,
                  "betaFactor", betaFactor,
                  "pause", pause,
                  "reason", reason));
    } catch (JsonProcessingException e) {
      throw new IOException("cannot write the rollback request: " + e.getMessage(), e);
    }
    HttpRequest request =
        ServiceToken.authorise(HttpRequest.newBuilder(rollback))
            .timeout(TIMEOUT)
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 202) {
        throw new IOException(
            "the learner at "
                + rollback
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while asking " + rollback + " to roll back", e);
    }
  }
}
