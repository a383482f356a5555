package prefloop.learner.service;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A log written by {@link PreferenceLogRecorder}, read as partition 0 of the pseudo-topic {@code
 * file:<file name>} with the record index as offset, so checkpoints and restarts work as they do on
 * a topic.
 */
public final class FilePreferenceSource implements PreferenceSource {
  private static final int MAX_RECORD_BYTES = 64 << 20;

  private final Path file;
  private final String topic;
  private final int maxPollRecords;
  private DataInputStream in;
  private long next;
  private boolean atEnd;

  public FilePreferenceSource(Path file, int maxPollRecords) {
    this.file = file;
    this.topic = "file:" + file.getFileName();
    this.maxPollRecords = maxPollRecords;
  }

  @Override
  public void seek(Map<String, Long> offsets) {
    long target = offsets.getOrDefault(RawRecord.partitionKey(topic, 0), 0L);
    closeStream();
    try {
      in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the preference log " + file, e);
    }
    next = 0;
    atEnd = false;
    while (next < target && readOne() != null) {
      // skipping records trained before the checkpoint
    }
  }

  @Override
  public List<RawRecord> poll(Duration timeout) {
    List<RawRecord> result = new ArrayList<>();
    while (result.size() < maxPollRecords) {
      RawRecord record = readOne();
      if (record == null) {
        break;
      }
      result.add(record);
    }
    return result;
  }

  private RawRecord readOne() {
    if (atEnd) {
      return null;
    }
    try {
      int length = in.readInt();
      if (length < 0 || length > MAX_RECORD_BYTES) {
        throw new IllegalStateException(
            "preference log "
                + file
                + " is corrupt at record "
                + next
                + " (length "
                + length
                + ")");
      }
      byte[] value = in.readNBytes(length);
      if (value.length != length) {
        atEnd = true;
        return null;
      }
      return new RawRecord(topic, 0, next++, null, value);
    } catch (EOFException e) {
      atEnd = true;
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the preference log " + file, e);
    }
  }

  @Override
  public boolean exhausted() {
    return atEnd;
  }

  @Override
  public long lag() {
    return -1;
  }

  @Override
  public void commit(Map<String, Long> offsets) {
    // A file has no place to show offsets; the checkpoint holds them.
  }

  @Override
  public void close() {
    closeStream();
  }

  private void closeStream() {
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close the preference log " + file, e);
      }
      in = null;
    }
  }
}
