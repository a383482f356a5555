package prefloop.app.dashboard;

import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The open server-sent-event responses ({@code GET /events}). Used on the event loop only. A client
 * whose write queue is full skips messages instead of buffering them: each message is the whole
 * state, so the next one catches it up.
 */
final class EventStream {
  private final Set<HttpServerResponse> clients = new LinkedHashSet<>();

  /** Turns {@code response} into an event stream and sends it {@code first}. */
  void open(HttpServerResponse response, String event, String first) {
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    clients.add(response);
    response.closeHandler(v -> clients.remove(response));
    response.write("retry: 2000\n\n");
    write(response, event, first);
  }

  /** Sends one event to every client; {@code data} must be one line (compact JSON). */
  void send(String event, String data) {
    for (HttpServerResponse client : Set.copyOf(clients)) {
      if (!client.writeQueueFull()) {
        write(client, event, data);
      }
    }
  }

  int size() {
    return clients.size();
  }

  void closeAll() {
    for (HttpServerResponse client : Set.copyOf(clients)) {
      client.end();
    }
    clients.clear();
  }

  private static void write(HttpServerResponse client, String event, String data) {
    client.write("event: " + event + "\ndata: " + data + "\n\n");
  }
}
