package prefloop.rater.service;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The rating page's files ({@code webroot} on the classpath), served so that a body sent with a GET
 * cannot stall the connection. Vert.x-web's {@link StaticHandler} pauses the request while it looks
 * the file up and does not resume it once the file is sent: a body still arriving then stays
 * unread, and the next request on that keep-alive connection is never read (BadInputIT's fuzzer
 * waited 5 s for it). Here the request is resumed when the answer ends, so the rest of its body is
 * read and dropped.
 */
final class RatingPageFiles {
  private RatingPageFiles() {}

  /** Serves the page's files under {@code path} (e.g. {@code /rate/*}). */
  static void mount(Router router, String path) {
    router
        .route(path)
        .handler(RatingPageFiles::resumeWhenAnswered)
        .handler(StaticHandler.create("webroot").setCachingEnabled(false));
  }

  private static void resumeWhenAnswered(RoutingContext context) {
    HttpServerRequest request = context.request();
    context.addEndHandler(
        answered -> {
          if (!request.isEnded()) {
            request.resume();
          }
        });
    context.next();
  }
}
