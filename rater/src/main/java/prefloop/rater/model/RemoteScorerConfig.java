package prefloop.rater.model;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how to call a remote scorer.
 *
 * @param url the scorer's endpoint (http or https)
 * @param timeout per-attempt request timeout, in [1 ms, 10 min]
 * @param maxAttempts attempts per batch, in [1, 20]
 * @param backoff wait before the 2nd attempt, doubled before each later one, in [0, 1 min]
 */
public record RemoteScorerConfig(URI url, Duration timeout, int maxAttempts, Duration backoff) {
  public RemoteScorerConfig {
    if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
      throw new IllegalArgumentException("remote scorer url must be http(s)://..., was " + url);
    }
    if (timeout == null
        || timeout.toMillis() < 1
        || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException(
          "remote scorer timeout must be in [1 ms, 10 min], was " + timeout);
    }
    if (maxAttempts < 1 || maxAttempts > 20) {
      throw new IllegalArgumentException(
          "remote scorer maxAttempts must be in [1, 20], was " + maxAttempts);
    }
    if (backoff == null || backoff.isNegative() || backoff.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException(
          "remote scorer backoff must be in [0, 1 min], was " + backoff);
    }
  }

  /** 10 s timeout, 3 attempts, 200 ms first backoff. */
  public static RemoteScorerConfig of(URI url) {
    return new RemoteScorerConfig(url, Duration.ofSeconds(10), 3, Duration.ofMillis(200));
  }
}
