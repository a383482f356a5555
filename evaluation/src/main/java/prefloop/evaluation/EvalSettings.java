package prefloop.evaluation;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.util.List;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.diffusion.sampler.TimestepSpacing;
import prefloop.world.Prompt;

/**
 * How {@code eval} samples and scores.
 *
 * @param prompts prompts, in [1, 5000]: held-out ones, or the size of {@code fixedPrompts}
 * @param seedsPerPrompt images per prompt (different seeds), in [1, 64]; ≥ 2 for diversity
 * @param promptSeed seed of the (fixed) choice of held-out prompts
 * @param firstSeed the sampler seed of item 0; item i uses firstSeed + i; ≥ 0, and the last item's
 *     seed must fit in a long
 * @param sampler sampler settings (η = 0 makes an image a function of weights, prompt and seed)
 * @param batch images per sampler call, in [1, 1024]
 * @param rewardDir directory holding the reward checkpoints ({@code fidelity/}, {@code
 *     fidelity-heldout/})
 * @param fixedPrompts the prompts to evaluate on, in order, instead of the held-out split (from
 *     {@code --prompts-file}); empty for the held-out split
 */
@RecordBuilder
public record EvalSettings(
    int prompts,
    int seedsPerPrompt,
    long promptSeed,
    long firstSeed,
    SamplerSettings sampler,
    int batch,
    Path rewardDir,
    List<Prompt> fixedPrompts)
    implements EvalSettingsBuilder.With {

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
    fixedPrompts = fixedPrompts == null ? List.of() : List.copyOf(fixedPrompts);
    check(
        fixedPrompts.isEmpty() || fixedPrompts.size() == prompts,
        "prompts",
        prompts,
        "the number of fixed prompts (" + fixedPrompts.size() + ")");
    check(
        firstSeed >= 0 && firstSeed <= Long.MAX_VALUE - (long) prompts * seedsPerPrompt,
        "firstSeed",
        firstSeed,
        "in [0, 2^63 - 1 - images]");
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
        Path.of("models/reward"),
        List.of());
  }

  /** Whether the prompts come from a list (a prompts file) rather than the held-out split. */
  public boolean hasFixedPrompts() {
    return !fixedPrompts.isEmpty();
  }

  /** Total images per checkpoint. */
  public int images() {
    return prompts * seedsPerPrompt;
  }

  public EvalSettings withSize(int newPrompts, int newSeedsPerPrompt) {
    return with(b -> b.prompts(newPrompts).seedsPerPrompt(newSeedsPerPrompt));
  }

  /**
   * Evaluates on {@code newPrompts}, in order, instead of the held-out split; an empty list goes
   * back to the held-out split (keeping the current prompt count).
   */
  public EvalSettings withPrompts(List<Prompt> newPrompts) {
    int count = newPrompts.isEmpty() ? prompts : newPrompts.size();
    return with(b -> b.prompts(count).fixedPrompts(newPrompts));
  }

  private static void check(boolean ok, String key, Object value, String allowed) {
    if (!ok) {
      throw new IllegalArgumentException(
          "eval setting " + key + " = " + value + " is invalid: must be " + allowed);
    }
  }
}
