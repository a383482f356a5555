package prefloop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import prefloop.app.sentinel.SentinelAction;
import prefloop.rater.ensemble.GroupPairs;

class LoopConfigFileTest {
  @TempDir Path dir;

  private static LoopPlan defaults() {
    return LoopPlan.defaults("127.0.0.1:9092", "prefloop.", Path.of("models/base"), Path.of("run"));
  }

  private Path file(String yaml) throws Exception {
    Path file = dir.resolve("prefloop.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void thePrintedConfigurationReadsBackAsTheSamePlan() throws Exception {
    Path file = file(LoopConfigFile.print(defaults()));

    assertThat(LoopConfigFile.over(defaults(), file)).isEqualTo(defaults());
  }

  @Test
  void aFileChangesWhatItNamesAndNothingElse() throws Exception {
    Path file =
        file(
            """
            learner:
              trainer:
                learningRate: 1.0e-4
                reference:
                  tau: 16
            rater:
              temperature: 0.5
            dashboard:
              sentinel:
                action: ALERT
                patience: 3
            """);

    LoopPlan plan = LoopConfigFile.over(defaults(), file);

    assertThat(plan.learner().trainer().learningRate()).isEqualTo(1e-4);
    assertThat(plan.learner().trainer().reference().tau()).isEqualTo(16);
    assertThat(plan.learner().trainer().reference().alpha())
        .isEqualTo(defaults().learner().trainer().reference().alpha());
    assertThat(plan.rater().temperature()).isEqualTo(0.5);
    assertThat(plan.dashboard().sentinel().action()).isEqualTo(SentinelAction.ALERT);
    assertThat(plan.dashboard().sentinel().patience()).isEqualTo(3);
    assertThat(plan.generator()).isEqualTo(defaults().generator());
  }

  @Test
  void upSamplesGroupsOfFourRatedIntoNestedPairsAndAFileCanGoBackToPairs() throws Exception {
    assertThat(defaults().generator().sampling().groupSize()).isEqualTo(4);
    assertThat(defaults().rater().groupPairs()).isEqualTo(GroupPairs.NESTED);

    LoopPlan pairs = LoopConfigFile.over(defaults(), file("generator: {sampling: {groupSize: 2}}"));

    assertThat(pairs.generator().sampling().groupSize()).isEqualTo(2);
  }

  @Test
  void trajectoriesWithoutPairsAreRefusedWithWhatToSet() throws Exception {
    Path file = file("generator: {sampling: {mode: TRAJECTORY, eta: 1.0}}");

    assertRefused(file)
        .hasMessageContaining("sampling.groupSize = 4")
        .hasMessageContaining("set 2");
  }

  @Test
  void aMisspeltSettingIsAnErrorThatNamesIt() throws Exception {
    Path file = file("learner:\n  trainer:\n    learningRat: 1.0e-4\n");

    assertRefused(file).hasMessageContaining("unknown setting 'learner.trainer.learningRat'");
  }

  @Test
  void aValueOutOfRangeIsRefusedByItsRecordWithTheFileNamed() throws Exception {
    Path file = file("learner:\n  trainer:\n    learningRate: 2\n");

    assertRefused(file).hasMessageContaining(file.toString()).hasMessageContaining("learningRate");
  }

  @Test
  void theRatersSharedTokenIsNeverPrinted() {
    LoopPlan plan = defaults();
    LoopPlan withToken =
        new LoopPlan(
            plan.generator(), plan.rater().withToken("s3cret"), plan.learner(), plan.dashboard());

    assertThat(LoopConfigFile.print(withToken))
        .doesNotContain("s3cret")
        .doesNotContain("\n  token:");
  }

  /** Asserts that the file is refused as an illegal argument; the caller checks the message. */
  private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Path file) {
    return assertThatThrownBy(() -> LoopConfigFile.over(defaults(), file))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
