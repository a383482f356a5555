package prefloop.evaluation.ablation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PooledCurvesTest {
  @TempDir Path dir;

  /** A run of {@code dpo} and {@code config} at step 100, fidelity (training) and attributes. */
  private Path run(String path, String config, double dpo, double other, double heldOut)
      throws Exception {
    Path run = Files.createDirectories(dir.resolve(path));
    Files.writeString(
        run.resolve("curve.json"),
        """
        {"dpo": {"100": {"fidelity": {"rate": %s}, "attributes": {"rate": %s}}},
         "%s": {"100": {"fidelity": {"rate": %s}, "attributes": {"rate": %s}}}}
        """
            .formatted(dpo, heldOut, config, other, heldOut + 0.1));
    return run;
  }

  private static PooledCurves read(PooledRun... runs) throws Exception {
    return PooledCurves.read(List.of(runs), "dpo", Set.of("attributes"));
  }

  private static PooledRun plain(Path dir) {
    return new PooledRun(Optional.empty(), dir);
  }

  @Test
  void seedsArePooledWithTheirSpreadAndDifferencesAreTakenSeedBySeed() throws Exception {
    PooledCurves pooled =
        read(
            plain(run("seed-1", "dpo+both", 0.5, 0.6, 0.4)),
            plain(run("seed-2", "dpo+both", 0.7, 0.7, 0.6)));

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
    Path full = run("seed-1", "dpo+both", 0.5, 0.6, 0.4);
    Path partial = Files.createDirectories(dir.resolve("seed-2"));
    Files.writeString(partial.resolve("curve.json"), "{\"dpo\": {}}");

    assertThatThrownBy(() -> read(plain(full), plain(partial)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dpo has no snapshot in");
    Path longer = Files.createDirectories(dir.resolve("longer/seed-3"));
    Files.writeString(
        longer.resolve("curve.json"),
        """
        {"dpo": {"100": {"fidelity": {"rate": 0.5}, "attributes": {"rate": 0.5}},
                 "200": {"fidelity": {"rate": 0.5}, "attributes": {"rate": 0.5}}}}
        """);
    assertThatThrownBy(() -> read(plain(full), plain(longer)))
        .hasMessageContaining("dpo@200 is missing from a run (seed-1)");
    assertThatThrownBy(() -> read(plain(dir.resolve("none"))))
        .hasMessageContaining("ablate --snapshot-every");
  }

  @Test
  void labelledRunsOfOneConfigurationPoolBesideEachOtherOverTheirSharedBaseline() throws Exception {
    PooledCurves pooled =
        read(
            PooledRun.parse("tau16=" + run("tau16/seed-1", "dpo+ref-hard", 0.5, 0.4, 0.4)),
            PooledRun.parse("tau16=" + run("tau16/seed-2", "dpo+ref-hard", 0.7, 0.6, 0.6)),
            PooledRun.parse("tau64=" + run("tau64/seed-1", "dpo+ref-hard", 0.5, 0.7, 0.4)),
            plain(run("ts/seed-2", "dpo+ts-paper", 0.7, 0.9, 0.6)));

    assertThat(pooled.rates()).containsOnlyKeys("dpo", "tau16", "tau64", "dpo+ts-paper");
    assertThat(pooled.seeds()).containsExactly("seed-1", "seed-2");
    assertThat(pooled.seeds("dpo")).containsExactly("seed-1", "seed-2");
    assertThat(pooled.seeds("tau64")).containsExactly("seed-1");
    assertThat(pooled.model("dpo", 100, "fidelity").seeds()).isEqualTo(2);
    // differences only over the seeds a configuration ran: tau64 has seed-1, ts-paper seed-2
    PooledCurves.Estimate tau64 = pooled.difference("tau64", "dpo", 100, pooled.training());
    assertThat(tau64.seeds()).isEqualTo(1);
    assertThat(tau64.mean()).isCloseTo(0.2, within(1e-12));
    assertThat(pooled.difference("dpo+ts-paper", "dpo", 100, pooled.training()).mean())
        .isCloseTo(0.2, within(1e-12));
    assertThat(pooled.difference("tau16", "dpo", 100, pooled.training()).mean())
        .isCloseTo(-0.1, within(1e-12));
  }

  @Test
  void aBaselineThatDiffersBetweenRunsOfOneSeedIsRefused() throws Exception {
    PooledRun first = plain(run("a/seed-1", "dpo+ref-hard", 0.5, 0.4, 0.4));
    PooledRun retrained = plain(run("b/seed-1", "dpo+ts-paper", 0.55, 0.4, 0.4));

    assertThatThrownBy(() -> read(first, retrained))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dpo@100 fidelity of seed-1 is 0.5500")
        .hasMessageContaining("--baseline-from");
  }

  @Test
  void aLabelNamesTheBaselineOnlyWhenItRanAlone() throws Exception {
    Path alone = Files.createDirectories(dir.resolve("long/seed-1"));
    Files.writeString(
        alone.resolve("curve.json"),
        "{\"dpo\": {\"800\": {\"fidelity\": {\"rate\": 0.6}, \"attributes\": {\"rate\": 0.5}}}}");
    PooledCurves pooled =
        read(
            plain(run("rows/seed-1", "dpo+ref-hard", 0.5, 0.4, 0.4)),
            PooledRun.parse("dpo-800=" + alone));

    assertThat(pooled.rates()).containsOnlyKeys("dpo", "dpo+ref-hard", "dpo-800");
    assertThat(pooled.rates().get("dpo-800")).containsOnlyKeys(800L);
    assertThat(pooled.comparable("dpo-800", "dpo", 800)).isFalse();
  }

  @Test
  void aLabelOnARunOfSeveralConfigurationsIsRefused() throws Exception {
    Path two = Files.createDirectories(dir.resolve("two/seed-1"));
    String snapshot = "{\"100\": {\"fidelity\": {\"rate\": 0.5}}}";
    Files.writeString(
        two.resolve("curve.json"),
        "{\"dpo\": %s, \"dpo+both\": %s, \"dpo+ts-paper\": %s}"
            .formatted(snapshot, snapshot, snapshot));

    assertThatThrownBy(() -> read(PooledRun.parse("x=" + two)))
        .hasMessageContaining("label x names one configuration")
        .hasMessageContaining("[dpo+both, dpo+ts-paper]");
  }

  @Test
  void aRunIsParsedWithOrWithoutALabel() {
    assertThat(PooledRun.parse("run/rows/dpo+ref-hard/seed-1"))
        .isEqualTo(new PooledRun(Optional.empty(), Path.of("run/rows/dpo+ref-hard/seed-1")));
    PooledRun labelled = PooledRun.parse("tau64=run/rows/dpo+ref-hard/seed-1");
    assertThat(labelled.label()).contains("tau64");
    assertThat(labelled.seed()).isEqualTo("seed-1");
  }
}
