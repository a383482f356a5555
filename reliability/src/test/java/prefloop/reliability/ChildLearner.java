package prefloop.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import prefloop.learner.service.LearnerMain;

/** {@code LearnerMain} in its own JVM, so that a test can SIGKILL it like a crash would. */
final class ChildLearner implements AutoCloseable {
  private static final Pattern STEP = Pattern.compile("\"step\":(\\d+)");
  private static final Pattern PENDING = Pattern.compile("\"pending\":(\\d+)");

  private final Process process;
  private final int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private ChildLearner(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static ChildLearner start(List<String> args, int port, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-Xmx1g"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(LearnerMain.class.getName());
    command.addAll(args);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new ChildLearner(process, port);
  }

  /** The learner's step from {@code /status}, or -1 while it does not answer. */
  long step() {
    return field(STEP);
  }

  /** Fresh preferences read but not yet trained, or -1 while it does not answer. */
  long pending() {
    return field(PENDING);
  }

  /**
   * Whether the learner has restored its checkpoint and runs; before that {@code /status} answers
   * step 0, not the restored step.
   */
  boolean running() {
    return status().contains("\"state\":\"RUNNING\"");
  }

  private long field(Pattern pattern) {
    Matcher m = pattern.matcher(status());
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** The body of {@code /status}, or "" while it does not answer. */
  private String status() {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL: no shutdown hook, no final checkpoint, whatever was half-written stays so. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: the learner's shutdown hook writes its final checkpoint; waits for the exit. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      throw new AssertionError("the learner did not stop within 2 minutes of SIGTERM");
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
