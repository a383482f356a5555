package prefloop.diffusion.checkpoint;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;

/**
 * The token prefloop's services show each other over HTTP: checkpoint downloads from the learner,
 * trajectory blobs and {@code /generate}, {@code /prompts} on a generator, the learner's control
 * endpoints. One secret per deployment, from the environment variable {@value #ENVIRONMENT} (or the
 * system property {@value #PROPERTY}), the same for every service; clients send it as {@code
 * Authorization: Bearer TOKEN}. Without it services trust loopback only: a service asked to listen
 * beyond loopback without a token refuses to start ({@link #checkExposure}).
 */
public final class ServiceToken {
  public static final String ENVIRONMENT = "PREFLOOP_SERVICE_TOKEN";
  public static final String PROPERTY = "prefloop.service.token";
  private static final String SCHEME = "Bearer ";

  /** What a refused request is told. */
  public static final String REFUSAL =
      "missing or wrong service token: send Authorization: Bearer $" + ENVIRONMENT;

  private ServiceToken() {}

  /** The deployment's token, if one is set. */
  public static Optional<String> current() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      value = System.getenv(ENVIRONMENT);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /** Adds the token, if any, to an outgoing request. */
  public static HttpRequest.Builder authorise(HttpRequest.Builder request) {
    current().ifPresent(token -> request.header("Authorization", SCHEME + token));
    return request;
  }

  /** A GET of {@code url} that carries the token, if any, and gives up after {@code timeout}. */
  public static HttpRequest get(String url, Duration timeout) {
    return authorise(HttpRequest.newBuilder(URI.create(url))).timeout(timeout).GET().build();
  }

  /** Whether a request with this {@code Authorization} header may pass (always, with no token). */
  public static boolean accepts(String authorization) {
    Optional<String> token = current();
    if (token.isEmpty()) {
      return true;
    }
    return authorization != null
        && MessageDigest.isEqual(
            (SCHEME + token.get()).getBytes(StandardCharsets.UTF_8),
            authorization.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Refuses to let {@code service} listen on {@code bindHost} beyond loopback without a token.
   *
   * @throws IllegalStateException saying how to set one
   */
  public static void checkExposure(String service, String bindHost) {
    if (!isLoopback(bindHost) && current().isEmpty()) {
      throw new IllegalStateException(
          "the "
              + service
              + " would listen on "
              + bindHost
              + " with no service token, so anyone who can reach it could use it: set "
              + ENVIRONMENT
              + " to the same secret for every prefloop service (e.g. `openssl rand -hex 32`),"
              + " or bind 127.0.0.1");
    }
  }

  /** Whether {@code host} keeps a listener to this machine. */
  public static boolean isLoopback(String host) {
    return host.startsWith("127.")
        || host.equals("localhost")
        || host.equals("::1")
        || host.equals("[::1]");
  }
}
