package prefloop.rater.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.OutputStream;
import java.net.Socket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import prefloop.schemas.http.RawHttp;

class RatingPageFilesTest {
  private Vertx vertx;
  private HttpServer server;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.get("/health").handler(ctx -> ctx.response().end("up"));
    RatingPageFiles.mount(router, "/rate/*");
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void theNextRequestOnTheConnectionIsAnsweredAfterAPageFetchThatCarriedABody() throws Exception {
    int length = 300_000;
    try (Socket socket = RawHttp.open(server.actualPort(), "GET /rate/index.html", length)) {
      OutputStream out = socket.getOutputStream();
      out.write(new byte[length]);
      out.write(RawHttp.head("GET /health", 0));
      out.flush();
      String answers = RawHttp.readUntil(socket.getInputStream(), "up");
      assertThat(answers).startsWith("HTTP/1.1 200").contains("<html").endsWith("up");
    }
  }
}
