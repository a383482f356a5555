package prefloop.evaluation.ablation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PooledCurvesTest {
  @TempDir Path dir;

  private Path run(String name, double dpo, double both, double heldOut) throws Exception {
    Path run = Files.createDirectories(dir.resolve(name));
    Files.writeString(
        run.resolve("curve.json"),
        """
        {"dpo": {"100": {"fidelity": {"rate": %s}, "attributes": {"rate": %s}}},
         "dpo+both": {"100": {"fidelity": {"rate": %s}, "attributes": {"rate": %s}}}}
        """
            .formatted(dpo, heldOut, both, heldOut + 0.1));
    return run;
  }

  @Test
  void seedsArePooledWithTheirSpreadAndDifferencesAreTakenSeedBySeed() throws Exception {
    PooledCurves pooled =
        PooledCurves.read(
            List.of(run("seed-1", 0.5, 0.6, 0.4), run("seed-2", 0.7, 0.7, 0.6)),
            Set.of("attributes"));

    PooledCurves.Estimate fidelity = pooled.model("dpo", 100, "fidelity");
    assertThat(fidelity.mean()).isCloseTo(0.6, within(1e-12));
    // sd of {0.5, 0.7} is 0.1414; over √2 seeds: 0.1
    assertThat(fidelity.standardError()).isCloseTo(0.1, within(1e-12));
    assertThat(pooled.training()).containsExactly("fidelity");
    assertThat(pooled.heldOut()).containsExactly("attributes");
    PooledCurves.Estimate gain = pooled.difference("dpo+both", "dpo", 100, pooled.heldOut());
    assertThat(gain.mean()).isCloseTo(0.1, within(1e-12));
    assertThat(gain.standardError()).isCloseTo(0, within(1e-12));
    assertThat(pooled.difference("dpo+both", "dpo", 100, pooled.training()).mean())
        .isCloseTo(0.05, within(1e-12));
  }

  @Test
  void aRunWithoutASnapshotTheOthersHaveIsRefused() throws Exception {
    Path full = run("seed-1", 0.5, 0.6, 0.4);
    Path partial = Files.createDirectories(dir.resolve("seed-2"));
    Files.writeString(partial.resolve("curve.json"), "{\"dpo\": {}}");

    assertThatThrownBy(() -> PooledCurves.read(List.of(full, partial), Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dpo@100 is missing from a run");
    assertThatThrownBy(() -> PooledCurves.read(List.of(dir.resolve("none")), Set.of()))
        .hasMessageContaining("ablate --snapshot-every");
  }
}
