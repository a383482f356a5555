package prefloop.evaluation.ablation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The CI smoke test of {@code ablate --quick}: every configuration trains on one recorded stream
 * from the shipped base, every final policy is evaluated, and every output file is written, within
 * the 3-minute budget (on the 2-core machine, one intra-op thread).
 */
class AblateQuickIT {

  @Test
  void quickAblationWritesEveryTableAndChart() throws Exception {
    // given
    Path out = Path.of("target/ablate-quick");
    long started = System.nanoTime();

    // when
    int exit = AblateRun.execute(out, "--quick");
    double seconds = (System.nanoTime() - started) / 1e9;

    // then
    assertThat(exit).isZero();
    // a figure, not a limit: speed lives in benchmarks (about 60 s on an idle 2-core machine)
    System.out.printf("quick ablation: %.0f s%n", seconds);
    for (String file :
        new String[] {
          "ablation.md",
          "ablation.json",
          "eval.json",
          "grid.png",
          "drift.png",
          "loss.png",
          "win-rates-dpo.png",
          "win-rates-base.png",
          "stream.prefs"
        }) {
      assertThat(out.resolve(file)).isNotEmptyFile();
    }
    String markdown = Files.readString(out.resolve("ablation.md"));
    assertThat(markdown)
        .contains("Win rate vs Diffusion-DPO")
        .contains("Command: `prefloop ablate --quick")
        .contains("Seeds: trainer root seed")
        .contains("### The reference's lag D(policy, reference) before each merge");
    for (AblationVariant v :
        AblationPlan.variants(AblationSettings.quick(Path.of("b"), out, Path.of("r")))) {
      assertThat(markdown).contains("| " + v.name() + " |");
    }
    // the unguarded hard copy logs D at every τ boundary and is never frozen
    assertThat(markdown)
        .containsPattern(
            "\\| dpo\\+ref-noguard \\| 8 \\| \\d+ \\| [^|]+ \\| [^|]+ \\| 4 \\| 0 \\|");
  }
}
