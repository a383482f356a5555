package prefloop.evaluation.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.evaluation.EvalSettings;
import prefloop.evaluation.Evaluator;
import prefloop.evaluation.RewardPanel;
import prefloop.learner.core.TrainerConfig;

/**
 * {@code simulate} on the shipped base and reward models, two short rounds of two pairs: a policy
 * average with α = 1 is the policy itself, so its evaluation line must match the policy's figure
 * for figure; a run without a labelled pair still evaluates.
 */
class LoopSimulationTest {
  private static final Path BASE = Path.of("../models/base");
  private static final Path REWARDS = Path.of("../models/reward");

  @Test
  void anAverageWithAlphaOneEvaluatesAsThePolicy() throws Exception {
    LoopSimulationSettings settings = settings(false, List.of(1.0, 0.5), 0);

    String printed = simulate(settings);

    List<String> evals = printed.lines().filter(line -> line.startsWith("EVAL")).toList();
    assertThat(evals).hasSize(6); // rounds 1 and 2: the policy, then α 1 and α 0.5
    for (int round = 0; round < 2; round++) {
      String policy = evals.get(3 * round);
      String copy = evals.get(3 * round + 1);
      assertThat(policy).startsWith("EVAL round");
      assertThat(copy).startsWith("EVAL-AVERAGE α 1.0 round");
      assertThat(copy.substring(copy.indexOf(" round"))).isEqualTo(policy.substring(4));
      assertThat(evals.get(3 * round + 2)).startsWith("EVAL-AVERAGE α 0.5 round");
    }
  }

  @Test
  void aRunWhosePairsAreAllTiesStillEvaluates() throws Exception {
    // no pair of two images beats the other by 10⁹ on both models: every pair is a tie
    LoopSimulationSettings settings = settings(true, List.of(), 1e9);

    String printed = simulate(settings);

    assertThat(printed.lines().filter(line -> line.startsWith("EVAL round")))
        .hasSize(2)
        .allMatch(line -> line.contains("pairs 0 steps 0 drift NaN"));
  }

  @Test
  void outOfRangeAveragesAndMarginsAreRefusedWithTheOptionName() {
    assertThatThrownBy(() -> settings(true, List.of(0.0), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--average");
    assertThatThrownBy(() -> settings(true, List.of(1.5), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--average");
    assertThatThrownBy(() -> settings(true, List.of(), -0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--agreement-margin");
  }

  private static LoopSimulationSettings settings(
      boolean pareto, List<Double> averages, double agreementMargin) {
    return new LoopSimulationSettings(
        BASE,
        REWARDS,
        2,
        2,
        2,
        LoopSimulationSettings.Pairing.BEST_WORST,
        3,
        2,
        1,
        2,
        1,
        8,
        1,
        0.1,
        1,
        0.05,
        pareto,
        agreementMargin,
        TrainerConfig.recommended().withSeed(1),
        averages,
        1,
        2,
        1,
        1);
  }

  private static String simulate(LoopSimulationSettings settings) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EvalSettings eval =
        EvalSettings.defaults()
            .withSize(settings.evalPrompts(), settings.evalSeeds())
            .withSampler(EvalSettings.defaults().sampler().withSteps(3));
    try (RewardPanel panel = RewardPanel.load(REWARDS);
        LoadedCheckpoint base = new CheckpointLoader().load(BASE);
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      new LoopSimulation(settings, panel, new Evaluator(eval, panel), out).run(base.model());
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
