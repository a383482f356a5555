package prefloop.rater.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
    try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      int length = 300_000;
      out.write(head("GET /rate/index.html", length));
      out.write(new byte[length]);
      out.write(head("GET /health", 0));
      out.flush();
      String answers = readUntil(socket.getInputStream(), "up");
      assertThat(answers).startsWith("HTTP/1.1 200").contains("<html").endsWith("up");
    }
  }

  private static byte[] head(String requestLine, int contentLength) {
    return (requestLine
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
            + contentLength
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** What arrives until it ends with {@code end}, or until 5 s pass without a byte. */
  private static String readUntil(InputStream in, String end) throws Exception {
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      while (!read.toString(StandardCharsets.UTF_8).endsWith(end)) {
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        read.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException stalled) {
      // the connection stalled: return what came, the assertion says the rest
    }
    return read.toString(StandardCharsets.UTF_8);
  }
}
