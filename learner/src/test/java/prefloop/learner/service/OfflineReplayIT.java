package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.broker.TestMessages;
import prefloop.schemas.avro.ModelRole;
import prefloop.schemas.avro.PreferenceLabel;

/** Offline mode: a recorded preference log through the same code path, without a broker. */
class OfflineReplayIT {

  @Test
  void replaysARecordedLogToItsEndAndASecondReplayTrainsNothingTwice(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("prefs.log");
    try (PreferenceLogRecorder recorder = LearnerFixture.recorder(log)) {
      LearnerFixture.recordAOverB(recorder, 7);
      recorder.recordRaw(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
      recorder.record(TestMessages.preference("skip", PreferenceLabel.SKIP, 0, 8));
    }
    LearnerConfig config =
        LearnerFixture.offlineLearner(LearnerFixture.trainer(), log, dir)
            .batchSize(3)
            .publishEvery(2)
            .build();

    LearnerStatus first = run(config);
    LearnerStatus second = run(config);

    // 7 pairs in batches of 3: two full steps and a flushed one of 1
    assertThat(first.state()).isEqualTo("STOPPED");
    assertThat(first.step()).isEqualTo(3);
    assertThat(first.pairsTrained()).isEqualTo(7);
    assertThat(first.deadLetters()).isEqualTo(1);
    assertThat(first.skipped()).containsEntry("skip", 1L).containsEntry("undecodable", 1L);
    assertThat(first.offsets()).containsEntry("file:prefs.log-0", 9L);
    assertThat(second.step()).isEqualTo(3);
    assertThat(second.pairsTrained()).isZero();
    CheckpointStore store = new CheckpointStore(config.checkpointDir(), Optional.empty());
    List<String> trained = new ArrayList<>();
    for (long v = store.latest(ModelRole.POLICY).orElseThrow();
        v >= 0;
        v = store.ledger(v).parentVersion()) {
      store.ledger(v).steps().forEach(s -> trained.addAll(s.fresh()));
    }
    assertThat(trained).containsExactlyInAnyOrder("p0", "p1", "p2", "p3", "p4", "p5", "p6");
    // the guard's state and the timestep statistics travel with every policy checkpoint
    String memory =
        store
            .manifest(ModelRole.POLICY, store.latest(ModelRole.POLICY).orElseThrow())
            .extra()
            .get(CheckpointPublisher.TRAINER_MEMORY);
    assertThat(memory).contains("\"guard\"", "\"bins\"", "\"count\"");
  }

  private static LearnerStatus run(LearnerConfig config) throws Exception {
    Learner learner = Learner.open(config);
    learner.start("http://127.0.0.1:1/checkpoints/");
    return learner.done().get(60, TimeUnit.SECONDS);
  }
}
