package prefloop.evaluation.simulation;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.evaluation.EvalSettings;
import prefloop.evaluation.Evaluator;
import prefloop.evaluation.RewardPanel;
import prefloop.learner.core.ReferenceUpdateConfig;
import prefloop.learner.core.TrainerConfig;
import prefloop.learner.service.TrainerOptions;
import prefloop.schemas.cli.Commands;

/**
 * {@code simulate}: the online loop in one thread ({@link LoopSimulation}), one configuration per
 * run, printing held-out win rates against the base and CPU seconds per phase. The levers of
 * alignment per CPU-minute are its options; docs/ALIGNMENT.md has the measured table.
 */
@Command(
    name = "simulate",
    description =
        "Runs generate → rate → train in one thread with the given levers and prints same-seed win"
            + " rates against the base and CPU seconds per phase.")
public final class SimulateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--base", description = "base checkpoint (default ${DEFAULT-VALUE})")
  Path base = Path.of("models/base");

  @Option(names = "--reward-dir", description = "reward checkpoints (default ${DEFAULT-VALUE})")
  Path rewardDir = Path.of("models/reward");

  @Option(names = "--rounds", description = "rounds (default ${DEFAULT-VALUE})")
  int rounds = 40;

  @Option(
      names = "--prompts-per-round",
      description = "groups per round (default ${DEFAULT-VALUE})")
  int promptsPerRound = 8;

  @Option(names = "--group-size", description = "images per prompt K (default ${DEFAULT-VALUE})")
  int groupSize = 2;

  @Option(names = "--pairing", description = "BEST_WORST, HALVES or ALL (default ${DEFAULT-VALUE})")
  LoopSimulationSettings.Pairing pairing = LoopSimulationSettings.Pairing.BEST_WORST;

  @Option(names = "--sampler-steps", description = "DDIM steps of training images (default 20)")
  int samplerSteps = 20;

  @Option(names = "--guidance", description = "guidance of training images (default 2)")
  double guidance = 2;

  @Option(names = "--steps-per-round", description = "learner steps per round (default 2)")
  int stepsPerRound = 2;

  @Option(names = "--batch", description = "pairs per step (default 8)")
  int batch = 8;

  @Option(names = "--draws", description = "(t, ε) draws per pair per step (default 1)")
  int draws = 1;

  @Option(names = "--replay-capacity", description = "replay pool (default 256)")
  int replayCapacity = 256;

  @Option(names = "--fidelity-scale", description = "ensemble scale of fidelity (default 1)")
  double fidelityScale = 1;

  @Option(names = "--aesthetic-scale", description = "ensemble scale of aesthetic (default 0.1)")
  double aestheticScale = 0.1;

  @Option(names = "--temperature", description = "Bradley–Terry temperature (default 1)")
  double temperature = 1;

  @Option(names = "--tie-margin", description = "tie margin (default 0.05)")
  double tieMargin = 0.05;

  @Option(
      names = "--pareto",
      description =
          "label by Pareto dominance, as the rater does by default (--mode PARETO); without it,"
              + " Bradley–Terry on the weighted sum, the baseline of docs/ALIGNMENT.md")
  boolean pareto;

  @Mixin TrainerOptions trainerOptions = new TrainerOptions();

  @Option(names = "--frozen-reference", description = "no reference update")
  boolean frozenReference;

  @Option(names = "--eval-every", description = "rounds between evaluations (default 10)")
  int evalEvery = 10;

  @Option(names = "--eval-prompts", description = "held-out prompts (default 32)")
  int evalPrompts = 32;

  @Option(names = "--eval-seeds", description = "seeds per prompt (default 2)")
  int evalSeeds = 2;

  @Option(names = "--seed", description = "seed (default 1)")
  long seed = 1;

  /** The settings the options give; refuses an objective that needs trajectories. */
  LoopSimulationSettings settings() {
    TrainerConfig trainer = trainerOptions.over(TrainerConfig.recommended().withSeed(seed));
    if (trainer.objective().needsTrajectories()) {
      throw new ParameterException(
          spec.commandLine(),
          "simulate trains on pairs without trajectories: --objective "
              + trainer.objective()
              + " needs them (run it with ablate or the services)");
    }
    if (frozenReference) {
      trainer = trainer.withReference(ReferenceUpdateConfig.off());
    }
    return new LoopSimulationSettings(
        base,
        rewardDir,
        rounds,
        promptsPerRound,
        groupSize,
        pairing,
        samplerSteps,
        guidance,
        stepsPerRound,
        batch,
        draws,
        replayCapacity,
        fidelityScale,
        aestheticScale,
        temperature,
        tieMargin,
        pareto,
        trainer,
        evalEvery,
        evalPrompts,
        evalSeeds,
        seed);
  }

  @Override
  public Integer call() throws Exception {
    LoopSimulationSettings settings = settings();
    System.out.println("SETTINGS " + settings);
    EvalSettings eval = EvalSettings.defaults().withSize(evalPrompts, evalSeeds);
    try (RewardPanel panel = RewardPanel.load(rewardDir);
        LoadedCheckpoint loaded = new CheckpointLoader().load(base)) {
      Evaluator evaluator = new Evaluator(eval, panel);
      new LoopSimulation(settings, panel, evaluator, System.out).run(loaded.model());
    }
    return 0;
  }

  public static void main(String[] args) {
    Commands.runAndExit(new SimulateCommand(), args);
  }
}
