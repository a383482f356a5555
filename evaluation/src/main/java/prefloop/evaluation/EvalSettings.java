package prefloop.evaluation;

import java.nio.file.Path;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.diffusion.sampler.TimestepSpacing;

/**
 * How {@code eval} samples and scores.
 *
 * @param prompts held-out prompts, in [1, 5000]
 * @param seedsPerPrompt images per prompt (different seeds), in [1, 64]; ≥ 2 for diversity
 * @param promptSeed seed of the (fixed) choice of held-out prompts
 * @param firstSeed the sampler seed of item 0; item i uses firstSeed + i
 * @param sampler sampler settings (η = 0 makes an image a function of weights, prompt and seed)
 * @param batch images per sampler call, in [1, 1024]
 * @param rewardDir directory holding the reward checkpoints ({@code fidelity/}, {@code
 *     fidelity-heldout/})
 */
public record EvalSettings(
    int prompts,
    int seedsPerPrompt,
    long promptSeed,
    long firstSeed,
    SamplerSettings sampler,
    int batch,
    Path rewardDir) {

  public EvalSettings {
    check(prompts >= 1 && prompts <= 5000, "prompts", prompts, "in [1, 5000]");
    check(
        seedsPerPrompt >= 1 && seedsPerPrompt <= 64,
        "seedsPerPrompt",
        seedsPerPrompt,
        "in [1, 64]");
    check(sampler != null, "sampler", sampler, "set");
    check(batch >= 1 && batch <= 1024, "batch", batch, "in [1, 1024]");
    check(rewardDir != null, "rewardDir", rewardDir, "a directory (default models/reward)");
  }

  /**
   * 64 held-out prompts × 4 seeds; deterministic DDIM (η = 0), 20 trailing steps, guidance 2,
   * clipped; reward models from {@code models/reward}.
   */
  public static EvalSettings defaults() {
    return new EvalSettings(
        64,
        4,
        2026L,
        1_000_000L,
        new SamplerSettings(20, 0.0, 2.0, TimestepSpacing.TRAILING, true),
        32,
        Path.of("models/reward"));
  }

  /** Total images per checkpoint. */
  public int images() {
    return prompts * seedsPerPrompt;
  }

  public EvalSettings withSize(int newPrompts, int newSeedsPerPrompt) {
    return new EvalSettings(
        newPrompts, newSeedsPerPrompt, promptSeed, firstSeed, sampler, batch, rewardDir);
  }

  public EvalSettings withSampler(SamplerSettings newSampler) {
    return new EvalSettings(
        prompts, seedsPerPrompt, promptSeed, firstSeed, newSampler, batch, rewardDir);
  }

  public EvalSettings withRewardDir(Path newRewardDir) {
    return new EvalSettings(
        prompts, seedsPerPrompt, promptSeed, firstSeed, sampler, batch, newRewardDir);
  }

  private static void check(boolean ok, String key, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(
          "eval setting " + key + " = " + value + " is invalid: must be " + allowed);
    }
  }
}
