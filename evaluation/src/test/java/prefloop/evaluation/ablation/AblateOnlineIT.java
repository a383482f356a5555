package prefloop.evaluation.ablation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The online ablation over a horizon set in steps: each configuration samples its own pairs, stops
 * at {@code --steps} however much wall time is left, and writes the win rate against the base at
 * every snapshot.
 */
class AblateOnlineIT {

  @Test
  void onlineRunsStopAtTheirStepsAndWriteTheWinRateCurveAtEverySnapshot() throws Exception {
    // given
    Path out = Path.of("target/ablate-online");

    // when
    int exit = online(out, 4, "--no-d3po", "--only", "dpo+ref-ema");

    // then
    assertThat(exit).isZero();
    JsonNode training = new ObjectMapper().readTree(out.resolve("ablation.json").toFile());
    assertThat(training.at("/training/dpo/steps").asInt()).isEqualTo(4);
    assertThat(training.at("/training/dpo+ref-ema/steps").asInt()).isEqualTo(4);
    String curve = Files.readString(out.resolve("curve.md"));
    for (String row : new String[] {"dpo@2", "dpo@4", "dpo+ref-ema@2", "dpo+ref-ema@4"}) {
      assertThat(curve).contains("| " + row + " |");
    }
    JsonNode json = new ObjectMapper().readTree(out.resolve("curve.json").toFile());
    assertThat(json.fieldNames()).toIterable().containsExactly("dpo", "dpo+ref-ema");
    assertThat(json.get("dpo").fieldNames()).toIterable().containsExactly("2", "4");
    double rate = json.at("/dpo+ref-ema/4/attributes/rate").asDouble(-1);
    assertThat(rate).isBetween(0.0, 1.0);
    assertThat(out.resolve("curve.png")).isNotEmptyFile();
  }

  /** DPOK needs trajectories: each online pair is sampled with them (it used to get none). */
  @Test
  void onlineDpokTrainsOnTheTrajectoriesOfItsOwnPairs() throws Exception {
    Path out = Path.of("target/ablate-online-dpok");

    int exit = online(out, 2, "--only", "dpok");

    assertThat(exit).isZero();
    JsonNode training = new ObjectMapper().readTree(out.resolve("ablation.json").toFile());
    assertThat(training.at("/training/dpok/steps").asInt()).isEqualTo(2);
    assertThat(training.at("/training/dpok/pairsTrained").asInt()).isPositive();
  }

  /**
   * A run that studies one configuration re-samples the baseline an earlier run trained ({@code
   * --baseline-from}) and gets the same baseline figures, and a run under other settings is refused
   * before it trains anything.
   */
  @Test
  void aReusedBaselineGivesTheFiguresOfTheRunThatTrainedIt() throws Exception {
    // given
    Path trained = Path.of("target/ablate-baseline");
    assertThat(online(trained, 4, "--no-d3po", "--only", "dpo")).isZero();
    Path reusing = Path.of("target/ablate-baseline-reused");
    Path refused = Path.of("target/ablate-baseline-refused");

    // when
    int exit =
        online(reusing, 4, "--no-d3po", "--only", "dpo+ref-ema", "--baseline-from", "" + trained);
    int other = online(refused, 2, "--no-d3po", "--baseline-from", "" + trained);

    // then
    assertThat(exit).isZero();
    ObjectMapper json = new ObjectMapper();
    JsonNode before = json.readTree(trained.resolve("curve.json").toFile());
    JsonNode after = json.readTree(reusing.resolve("curve.json").toFile());
    assertThat(after.get("dpo")).isEqualTo(before.get("dpo"));
    assertThat(after.get("dpo+ref-ema").fieldNames()).toIterable().containsExactly("2", "4");
    JsonNode trainedRun = json.readTree(trained.resolve("ablation.json").toFile());
    JsonNode reusingRun = json.readTree(reusing.resolve("ablation.json").toFile());
    assertThat(reusingRun.at("/training/dpo")).isEqualTo(trainedRun.at("/training/dpo"));
    assertThat(Files.readString(reusing.resolve("ablation.md")))
        .contains("trained by the earlier run");
    assertThat(other).isNotZero();
    assertThat(refused.resolve("ablation.json")).doesNotExist();
  }

  /** {@code ablate --quick --mode ONLINE} for {@code steps} steps, a snapshot every 2. */
  private static int online(Path out, int steps, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--quick",
                "--mode",
                "ONLINE",
                "--steps",
                Integer.toString(steps),
                "--online-seconds",
                "600",
                "--snapshot-every",
                "2"));
    args.addAll(List.of(options));
    return AblateRun.execute(out, args.toArray(String[]::new));
  }
}
