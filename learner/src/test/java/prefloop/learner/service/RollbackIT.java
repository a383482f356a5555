package prefloop.learner.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import prefloop.schemas.avro.ModelRole;

/** The NaN/Inf guard: K non-finite steps in a row roll back; repeated divergence stops the run. */
class RollbackIT {

  @ParameterizedTest(name = "K = {0}")
  @ValueSource(ints = {1, 3})
  void rollsBackAfterKNonFiniteStepsAndGivesUpWhenDivergenceRepeats(int k, @TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("prefs.log");
    try (PreferenceLogRecorder recorder = LearnerFixture.recorder(log)) {
      LearnerFixture.recordAOverB(recorder, 8);
    }
    // β beyond float range: the margins overflow and every step is non-finite
    LearnerConfig config =
        LearnerFixture.offlineLearner(LearnerFixture.trainer().withBeta(1e39), log, dir)
            .batchSize(2)
            .rollbackAfter(k)
            .build();

    Learner learner = Learner.open(config);
    learner.start("http://127.0.0.1:1/checkpoints/");
    LearnerStatus status = learner.done().get(120, TimeUnit.SECONDS);

    assertThat(status.state()).isEqualTo("FAILED");
    assertThat(status.error()).contains("rollbacks", "learning rate");
    assertThat(status.rollbacks()).isEqualTo(LearnerLoop.MAX_ROLLBACKS);
    // each rollback comes after K non-finite steps in a row; the (MAX + 1)-th gives up
    assertThat(status.nonFiniteSteps()).isEqualTo((long) k * (LearnerLoop.MAX_ROLLBACKS + 1));
    assertThat(status.pairsTrained()).isZero();
    assertThat(
            new CheckpointStore(config.checkpointDir(), Optional.empty()).latest(ModelRole.POLICY))
        .hasValue(0);
  }
}
