package prefloop.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PeopleFeedTest {
  private static JsonObject awaitProblemOrUpdate(PeopleFeed feed) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      JsonObject json = feed.toJson();
      if (json.getValue("problem") != null || json.getValue("updated") != null) {
        return json;
      }
      Thread.sleep(50);
    }
    return feed.toJson();
  }

  @Test
  void aRaterThatCannotBeReachedIsAProblemShownNotAnEmptyPanel() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    PeopleFeed feed = new PeopleFeed("http://127.0.0.1:" + closed, () -> 0L);

    feed.poll();

    JsonObject json = awaitProblemOrUpdate(feed);
    assertThat(json.getString("problem")).contains("cannot be reached");
    assertThat(json.getValue("updated")).isNull();
    assertThat(json.getJsonObject("raters")).isEmpty();
  }

  @Test
  void anAnswerThatIsNotTheRatersStatsIsAProblem() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      int port =
          vertx
              .createHttpServer()
              .requestHandler(r -> r.response().end("<html>a proxy's login page</html>"))
              .listen(0, "127.0.0.1")
              .await(10, TimeUnit.SECONDS)
              .actualPort();
      PeopleFeed feed = new PeopleFeed("http://127.0.0.1:" + port + "/", () -> 7L);

      feed.poll();

      assertThat(awaitProblemOrUpdate(feed).getString("problem"))
          .contains("not JSON of the expected shape");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
