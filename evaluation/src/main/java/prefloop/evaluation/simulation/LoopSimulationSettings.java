package prefloop.evaluation.simulation;

import java.nio.file.Path;
import prefloop.learner.core.TrainerConfig;

/**
 * One configuration of {@link LoopSimulation}: the levers of alignment per CPU-minute, with the
 * rest of the loop as the service runs it.
 *
 * @param base the base checkpoint (p_init, and the baseline of every win rate)
 * @param rewardDir the reward checkpoints (training ensemble and held-out panel)
 * @param rounds generate → rate → train rounds
 * @param promptsPerRound groups sampled per round (one training prompt each)
 * @param groupSize images per prompt K (2 = a pair)
 * @param pairing how a rated group becomes pairs
 * @param samplerSteps DDIM steps of the training images
 * @param guidance classifier-free guidance of the training images
 * @param stepsPerRound learner steps per round (the replay ratio is steps·batch / new pairs)
 * @param batch pairs per learner step
 * @param draws (t, ε) draws per pair per step (the pair is repeated in the batch)
 * @param replayCapacity the newest pairs a step may draw from
 * @param fidelityScale the ensemble scale of the fidelity net (nats per unit of margin)
 * @param aestheticScale the ensemble scale of the aesthetic model
 * @param temperature Bradley–Terry temperature T of the labels
 * @param tieMargin |Δ| below which a pair is a tie (dropped)
 * @param pareto label by Pareto dominance of the training models instead of Bradley–Terry
 * @param trainer the learner's trainer settings
 * @param evalEvery rounds between evaluations (0 = only at the end)
 * @param evalPrompts held-out prompts of each evaluation
 * @param evalSeeds seeds per held-out prompt
 * @param seed seed of prompts, sampler seeds and labels
 */
public record LoopSimulationSettings(
    Path base,
    Path rewardDir,
    int rounds,
    int promptsPerRound,
    int groupSize,
    Pairing pairing,
    int samplerSteps,
    double guidance,
    int stepsPerRound,
    int batch,
    int draws,
    int replayCapacity,
    double fidelityScale,
    double aestheticScale,
    double temperature,
    double tieMargin,
    boolean pareto,
    TrainerConfig trainer,
    int evalEvery,
    int evalPrompts,
    int evalSeeds,
    long seed) {

  /** How a rated group of K images becomes training pairs. */
  public enum Pairing {
    /** the best against the worst image (what the rater service publishes) */
    BEST_WORST,
    /** every image of the top half against the image ranked K/2 below it */
    HALVES,
    /** the i-th best against the i-th worst, i &lt; K/2 (best–worst first, then inwards) */
    NESTED,
    /** every pair of the group whose utilities differ by more than the tie margin */
    ALL
  }

  public LoopSimulationSettings {
    check(rounds >= 1, "rounds", rounds);
    check(promptsPerRound >= 1, "prompts-per-round", promptsPerRound);
    check(groupSize >= 2 && groupSize <= 16, "group-size", groupSize);
    check(samplerSteps >= 1 && samplerSteps <= 1000, "sampler-steps", samplerSteps);
    check(stepsPerRound >= 0, "steps-per-round", stepsPerRound);
    check(batch >= 1, "batch", batch);
    check(draws >= 1 && draws <= 16, "draws", draws);
    check(replayCapacity >= batch, "replay-capacity", replayCapacity);
    check(fidelityScale > 0 && aestheticScale > 0, "scales", fidelityScale + "/" + aestheticScale);
    check(temperature > 0, "temperature", temperature);
    check(tieMargin >= 0, "tie-margin", tieMargin);
    check(evalPrompts >= 1 && evalSeeds >= 1, "eval size", evalPrompts + "x" + evalSeeds);
  }

  private static void check(boolean ok, String key, Object value) {
    if (!ok) {
      throw new IllegalArgumentException(
          "--" + key + " = " + value + " is out of range (see --help)");
    }
  }
}
