package prefloop.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Formats a KRaft log directory exactly as {@code kafka-storage.sh format} does, once. */
final class StorageFormat {
  private static final Logger LOG = LoggerFactory.getLogger(StorageFormat.class);

  private StorageFormat() {}

  static boolean isFormatted(Path logDir) {
    return Files.exists(logDir.resolve("meta.properties"));
  }

  /** Formats {@code logDir} with a new cluster id unless it is already formatted. */
  static void ensureFormatted(Path logDir, Properties serverProperties, Path workDir)
      throws IOException {
    if (isFormatted(logDir)) {
      LOG.debug("{} is already formatted", logDir);
      return;
    }
    Files.createDirectories(logDir);
    Path configFile = workDir.resolve("server.properties");
    try (OutputStream out = Files.newOutputStream(configFile)) {
      serverProperties.store(out, "written by prefloop EmbeddedKafka for the storage formatter");
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    String clusterId = Uuid.randomUuid().toString();
    int rc;
    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      rc =
          StorageTool.execute(
              new String[] {"format", "-c", configFile.toString(), "-t", clusterId}, print);
    }
    String text = output.toString(StandardCharsets.UTF_8).strip();
    if (rc != 0) {
      throw new IllegalStateException(
          "formatting Kafka storage in " + logDir + " failed (" + rc + "): " + text);
    }
    LOG.debug("formatted {} as cluster {}: {}", logDir, clusterId, text);
  }
}
