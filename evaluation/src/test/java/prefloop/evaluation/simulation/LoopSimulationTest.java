package prefloop.evaluation.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static prefloop.evaluation.ShippedModels.BASE;
import static prefloop.evaluation.ShippedModels.REWARDS;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.evaluation.EvalSettings;
import prefloop.evaluation.Evaluator;
import prefloop.evaluation.RewardPanel;
import prefloop.evaluation.ShippedModels;
import prefloop.learner.core.TrainerConfig;

/** {@code simulate} on the shipped base and reward models, two short rounds of two pairs. */
class LoopSimulationTest {
  @Test
  void aRunWhosePairsAreAllTiesStillEvaluates() throws Exception {
    // Pareto labels with a tie margin no score difference clears: every pair is a tie
    LoopSimulationSettings settings =
        new LoopSimulationSettings(
            BASE,
            REWARDS,
            2, // rounds
            2, // prompts per round
            2, // images per prompt
            LoopSimulationSettings.Pairing.BEST_WORST,
            3, // sampler steps
            2, // guidance
            1, // learner steps per round
            2, // batch
            1, // (t, ε) draws
            8, // replay capacity
            1, // fidelity scale
            0.1, // aesthetic scale
            1, // temperature
            1e9, // tie margin
            true, // Pareto labels
            TrainerConfig.recommended().withSeed(1),
            1, // evaluate every round
            2, // evaluation prompts
            1, // seeds per prompt
            1); // seed

    String printed = simulate(settings);

    assertThat(printed.lines().filter(line -> line.startsWith("EVAL round")))
        .hasSize(2)
        .allMatch(line -> line.contains("pairs 0 steps 0 drift NaN"));
  }

  private static String simulate(LoopSimulationSettings settings) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EvalSettings eval = ShippedModels.quickEval(settings.evalPrompts(), settings.evalSeeds());
    try (RewardPanel panel = RewardPanel.load(REWARDS);
        LoadedCheckpoint base = new CheckpointLoader().load(BASE);
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      new LoopSimulation(settings, panel, new Evaluator(eval, panel), out).run(base.model());
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
