package prefloop.generator.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files too large to travel inside a Kafka message (trajectories of big models), kept in a
 * directory and served by the generator at {@code <baseUrl>/blobs/<name>}. Only the newest {@code
 * retained} blobs are kept: consumers are expected to fetch a blob soon after its pair arrives.
 * Thread-safe.
 */
public final class BlobStore {
  private static final Logger LOG = LoggerFactory.getLogger(BlobStore.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,120}");

  private final Path directory;
  private final int retained;
  private final Deque<Path> written = new ArrayDeque<>();
  private volatile String baseUrl = "http://127.0.0.1:0";

  public BlobStore(Path directory, int retained) {
    this.directory = directory;
    this.retained = retained;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create blob directory " + directory, e);
    }
  }

  /** Sets where the HTTP server answers, e.g. {@code http://host:8081}. */
  public void setBaseUrl(String url) {
    this.baseUrl = url;
  }

  /** Writes {@code bytes} as blob {@code name}; returns its URI. */
  public synchronized String put(String name, byte[] bytes) {
    requireName(name);
    Path file = directory.resolve(name);
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write blob " + file, e);
    }
    written.addLast(file);
    while (written.size() > retained) {
      Path old = written.removeFirst();
      try {
        Files.deleteIfExists(old);
      } catch (IOException e) {
        LOG.warn("cannot delete old blob {}: {}", old, e.toString());
      }
    }
    return baseUrl + "/blobs/" + name;
  }

  /** The file of blob {@code name}, if it exists and the name is legal. */
  public Optional<Path> find(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    Path file = directory.resolve(name);
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  public Path directory() {
    return directory;
  }

  private static void requireName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("blob name must match " + NAME + ", was " + name);
    }
  }
}
