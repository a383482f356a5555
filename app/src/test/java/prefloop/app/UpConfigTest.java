package prefloop.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import prefloop.app.sentinel.SentinelAction;
import prefloop.learner.core.TrainerConfig;

/**
 * {@code up}'s settings come from the defaults, then {@code --config FILE}, then the options given
 * on the command line; {@code --print-config} shows the result without starting anything.
 */
class UpConfigTest {
  @TempDir Path dir;

  /** The plan {@code up} would run with these arguments, read back from --print-config. */
  private LoopPlan printed(String... args) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rc;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      String[] all = new String[args.length + 2];
      all[0] = "up";
      all[1] = "--print-config";
      System.arraycopy(args, 0, all, 2, args.length);
      rc = new CommandLine(new PrefloopCommand()).execute(all);
    } finally {
      System.setOut(original);
    }
    assertThat(rc).as(out.toString(StandardCharsets.UTF_8)).isZero();
    Path printed = dir.resolve("printed-" + System.nanoTime() + ".yaml");
    Files.writeString(printed, out.toString(StandardCharsets.UTF_8));
    LoopPlan defaults =
        LoopPlan.defaults("127.0.0.1:0", "prefloop.", Path.of("models/base"), Path.of("run"));
    return LoopConfigFile.over(defaults, printed);
  }

  @Test
  void theFileWinsOverTheDefaultsAndTheCommandLineOverTheFile() throws Exception {
    Path file = dir.resolve("prefloop.yaml");
    Files.writeString(
        file,
        """
        learner:
          trainer:
            learningRate: 5.0e-5
        dashboard:
          sentinel:
            patience: 3
        """);

    LoopPlan fromFile = printed("--config", file.toString());
    LoopPlan overridden =
        printed(
            "--config",
            file.toString(),
            "--learning-rate",
            "1e-4",
            "--sentinel",
            "freeze",
            "--sentinel-beta-factor",
            "2",
            "--sentinel-fall-z",
            "3",
            "--grid-dir",
            "grids");

    assertThat(fromFile.learner().trainer().learningRate()).isEqualTo(5e-5);
    assertThat(fromFile.dashboard().sentinel().patience()).isEqualTo(3);
    assertThat(overridden.learner().trainer().learningRate()).isEqualTo(1e-4);
    assertThat(overridden.dashboard().sentinel().action()).isEqualTo(SentinelAction.FREEZE);
    assertThat(overridden.dashboard().sentinel().betaFactor()).isEqualTo(2.0);
    assertThat(overridden.dashboard().sentinel().heldOutFallZ()).isEqualTo(3.0);
    assertThat(overridden.dashboard().gridDir()).isEqualTo(Path.of("grids"));
    assertThat(overridden.dashboard().sentinel().patience())
        .as("--sentinel changes the action only")
        .isEqualTo(3);
  }

  /** The README's example file is read without error and is what it says: the defaults. */
  @Test
  void theDocumentedExampleIsAValidFileOfDefaults() throws Exception {
    Path example = RepositoryRoot.resolve("docs/config/example.yaml");

    assertThat(printed("--config", example.toString())).isEqualTo(printed());
  }

  /** The console showed the dashboard's own δ (0.005) until the learner's first status. */
  @Test
  void theDashboardDrawsTheLearnersDriftBound() throws Exception {
    Path file = dir.resolve("tight-guard.yaml");
    Files.writeString(
        file,
        """
        learner:
          trainer:
            reference:
              delta: 2.0e-5
        """);

    assertThat(printed().dashboard().driftDelta()).isEqualTo(TrainerConfig.RECOMMENDED_DELTA);
    assertThat(printed("--config", file.toString()).dashboard().driftDelta()).isEqualTo(2e-5);
  }

  @Test
  void withoutAFileTheCommandLineShapesTheDefaultsAsBefore() throws Exception {
    LoopPlan plan = printed("--run-dir", "elsewhere", "--sentinel", "off");

    assertThat(plan.learner().checkpointDir()).isEqualTo(Path.of("elsewhere", "checkpoints"));
    assertThat(plan.learner().trainer().learningRate()).isEqualTo(3e-5);
    assertThat(plan.dashboard().sentinel().enabled()).isFalse();
    assertThat(plan.generator().backpressure().maxBacklog())
        .as("raised above what the learner holds uncommitted")
        .isEqualTo(2L * plan.learner().publishEvery() * plan.learner().batchSize());
  }
}
