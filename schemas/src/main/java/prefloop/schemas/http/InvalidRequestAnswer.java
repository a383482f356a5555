package prefloop.schemas.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * How every service answers a request Vert.x cannot parse (a request line over {@value
 * HttpServerOptions#DEFAULT_MAX_INITIAL_LINE_LENGTH} bytes, headers over {@value
 * HttpServerOptions#DEFAULT_MAX_HEADER_SIZE}, a malformed head): 414, 431 or 400 with a JSON
 * reason, then a lingering close. Vert.x's own handler answers with no body and closes at once, and
 * a client still sending its body then gets a reset that can destroy the answer before it is read;
 * here the connection stays open, its input read and dropped, until the client closes it or for
 * {@code LINGER} (2 s) at most.
 */
public final class InvalidRequestAnswer implements Handler<HttpServerRequest> {
  private static final Duration LINGER = Duration.ofSeconds(2);

  private final Vertx vertx;

  private InvalidRequestAnswer(Vertx vertx) {
    this.vertx = vertx;
  }

  /** {@code server}, answering unparseable requests this way. */
  public static HttpServer install(HttpServer server, Vertx vertx) {
    return server.invalidRequestHandler(new InvalidRequestAnswer(vertx));
  }

  @Override
  public void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    HttpResponseStatus status = statusOf(cause);
    Buffer body =
        new JsonObject()
            .put("error", status.reasonPhrase())
            .put("message", reasonOf(cause))
            .toBuffer();
    HttpServerResponse response =
        request
            .response()
            .setStatusCode(status.code())
            .putHeader("Content-Type", "application/json")
            .putHeader("Content-Length", String.valueOf(body.length()))
            .putHeader("Connection", "close");
    // write, not end: ending a failed request's response makes Vert.x close the connection now
    response.write(body);
    long timer = vertx.setTimer(LINGER.toMillis(), id -> end(response));
    request.connection().closeHandler(closed -> vertx.cancelTimer(timer));
  }

  private static void end(HttpServerResponse response) {
    if (!response.closed() && !response.ended()) {
      response.end();
    }
  }

  private static HttpResponseStatus statusOf(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return HttpResponseStatus.REQUEST_URI_TOO_LONG;
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
    }
    return HttpResponseStatus.BAD_REQUEST;
  }

  private static String reasonOf(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return "the request line is longer than "
          + HttpServerOptions.DEFAULT_MAX_INITIAL_LINE_LENGTH
          + " bytes: send long values in the body";
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return "the headers are larger than "
          + HttpServerOptions.DEFAULT_MAX_HEADER_SIZE
          + " bytes in all";
    }
    return "malformed HTTP request: " + (cause == null ? "unknown" : cause.getMessage());
  }
}
