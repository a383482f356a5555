package prefloop.schemas.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand on a loopback socket, for tests that need what an HTTP client will not
 * do: send a body at their own pace, or pipeline a second request behind one that carried a body.
 */
public final class RawHttp {
  private RawHttp() {}

  /**
   * A connection to {@code port} on 127.0.0.1 (reads time out after 5 s) with the head of {@code
   * requestLine} already sent; the caller writes the {@code contentLength} bytes of body.
   */
  public static Socket open(int port, String requestLine, long contentLength) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(5_000);
    socket.getOutputStream().write(head(requestLine, contentLength));
    return socket;
  }

  /** The head of a request: {@code requestLine} (method and path), Host and Content-Length. */
  public static byte[] head(String requestLine, long contentLength) {
    return (requestLine
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
            + contentLength
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** What arrives until it ends with {@code end}, or until a read times out. */
  public static String readUntil(InputStream in, String end) throws IOException {
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
      // the connection stalled: return what came, the caller's assertion says the rest
    }
    return read.toString(StandardCharsets.UTF_8);
  }
}
