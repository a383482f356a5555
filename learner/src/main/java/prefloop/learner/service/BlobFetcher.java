package prefloop.learner.service;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import prefloop.diffusion.checkpoint.ServiceToken;

/**
 * Fetches a trajectory blob that a generator kept out of the message (over the inline limit) and
 * serves at {@code <generator>/blobs/<name>}. Blocking, on the learner's thread: a 32×32 trajectory
 * of 20 steps is about 0.5 MB. Any failure makes the preference invalid (it goes to the dead-letter
 * topic with the reason): a generator keeps only its newest blobs, so a learner far behind finds
 * them gone.
 */
final class BlobFetcher {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** The largest blob accepted: 256 MiB (an SD-size trajectory of 50 steps is about 70 MB). */
  static final long MAX_BYTES = 256L << 20;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** The bytes at {@code uri} (http or https). */
  byte[] fetch(String uri) throws InvalidPreferenceException {
    if (uri == null || !(uri.startsWith("http://") || uri.startsWith("https://"))) {
      throw new InvalidPreferenceException(
          "trajectory blob_uri must be an http(s) URL served by the generator, got " + uri);
    }
    try {
      HttpResponse<InputStream> response =
          http.send(ServiceToken.get(uri, TIMEOUT), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new InvalidPreferenceException(
              "GET "
                  + uri
                  + " answered "
                  + response.statusCode()
                  + " (the generator keeps only its newest blobs: is the learner far behind?)");
        }
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES + 1));
        if (bytes.length > MAX_BYTES) {
          throw new InvalidPreferenceException(
              "trajectory blob " + uri + " is over " + MAX_BYTES + " bytes");
        }
        return bytes;
      }
    } catch (IOException e) {
      throw new InvalidPreferenceException("GET " + uri + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InvalidPreferenceException("interrupted while fetching " + uri, e);
    }
  }
}
