package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.broker.TestMessages;
import prefloop.schemas.Topics;
import prefloop.schemas.avro.Preference;
import prefloop.schemas.avro.PreferenceLabel;

class PreferenceLogTest {
  @Test
  void aRecordedLogReplaysInOrderAndSeeksToAnOffset(@TempDir Path dir) throws Exception {
    Topics topics = Topics.defaults();
    Path log = dir.resolve("prefs.log");
    try (PreferenceLogRecorder recorder = new PreferenceLogRecorder(log, topics.preferences())) {
      for (int i = 0; i < 5; i++) {
        recorder.record(TestMessages.preference("p" + i, PreferenceLabel.A, 0, 4));
      }
      recorder.recordRaw(new byte[] {9, 9});
    }

    try (FilePreferenceSource source = new FilePreferenceSource(log, 4)) {
      source.seek(Map.of("file:prefs.log-0", 2L));
      List<RawRecord> first = source.poll(Duration.ZERO);
      List<RawRecord> second = source.poll(Duration.ZERO);

      assertThat(first).extracting(RawRecord::offset).containsExactly(2L, 3L, 4L, 5L);
      Preference decoded = topics.preferences().decoder().value(first.get(0).toConsumerRecord());
      assertThat(decoded.getPairId()).isEqualTo("p2");
      assertThat(first.get(3).value()).containsExactly(9, 9);
      assertThat(second).isEmpty();
      assertThat(source.exhausted()).isTrue();
    }
  }
}
