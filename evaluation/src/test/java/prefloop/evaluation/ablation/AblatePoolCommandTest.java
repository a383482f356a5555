package prefloop.evaluation.ablation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AblatePoolCommandTest {
  @TempDir Path dir;

  private Path run(String path, String config, double dpo, double other) throws Exception {
    Path run = Files.createDirectories(dir.resolve(path));
    Files.writeString(
        run.resolve("curve.json"),
        """
        {"dpo": {"100": {"fidelity": {"rate": %s}, "attributes": {"rate": 0.5}}},
         "%s": {"100": {"fidelity": {"rate": %s}, "attributes": {"rate": 0.5}}}}
        """
            .formatted(dpo, config, other));
    return run;
  }

  @Test
  void runsOfSeveralConfigurationsPoolIntoOneTableAndThreeCharts() throws Exception {
    Path out = dir.resolve("pooled");
    int code =
        new CommandLine(new AblatePoolCommand())
            .execute(
                "--run", "tau16=" + run("a/seed-1", "dpo+ref-hard", 0.5, 0.4),
                "--run", "tau16=" + run("a/seed-2", "dpo+ref-hard", 0.7, 0.4),
                "--run", "tau64=" + run("b/seed-1", "dpo+ref-hard", 0.5, 0.6),
                "--out", out.toString());

    assertThat(code).isZero();
    String md = Files.readString(out.resolve("pooled.md"));
    assertThat(md)
        .contains("| dpo | 2 | 100 | 0.600 ± 0.100 |")
        .contains("| tau16 | 2 | 100 | 0.400 ± 0.000 |")
        .contains("| tau64 | 1 | 100 | 0.600 | 0.500 |")
        .contains("| tau16 | 2 | 100 | -0.200 ± 0.100 | +0.000 ± 0.000 |")
        .contains("| tau64 | 1 | 100 | +0.100 | +0.000 |");
    assertThat(out.resolve("pooled.png")).isNotEmptyFile();
    assertThat(out.resolve("pooled-training.png")).isNotEmptyFile();
    assertThat(out.resolve("pooled-held-out.png")).isNotEmptyFile();
  }
}
