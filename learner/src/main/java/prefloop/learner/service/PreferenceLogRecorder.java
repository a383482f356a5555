package prefloop.learner.service;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import prefloop.schemas.Topic;
import prefloop.schemas.avro.Preference;

/**
 * Appends preferences to a log file for offline replay ({@link FilePreferenceSource}): each record
 * is a 4-byte big-endian length followed by the value exactly as the preferences topic carries it
 * (Avro single-object encoding). Raw records can be appended too, so a recorded topic keeps its
 * poison pills.
 */
public final class PreferenceLogRecorder implements AutoCloseable {
  private final Topic<String, Preference> topic;
  private final DataOutputStream out;

  public PreferenceLogRecorder(Path file, Topic<String, Preference> topic) throws IOException {
    this.topic = topic;
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    this.out =
        new DataOutputStream(
            new BufferedOutputStream(
                Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)));
  }

  public void record(Preference preference) {
    recordRaw(topic.valueBytes(preference));
  }

  /** Appends a value as it was read (even one that will not decode). */
  public void recordRaw(byte[] value) {
    try {
      out.writeInt(value.length);
      out.write(value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the preference log: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
