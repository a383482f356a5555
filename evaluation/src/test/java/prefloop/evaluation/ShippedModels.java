package prefloop.evaluation;

import java.nio.file.Path;

/** The committed base and reward checkpoints, and a quick evaluation setting for tests. */
public final class ShippedModels {
  public static final Path BASE = Path.of("../models/base");
  public static final Path REWARDS = Path.of("../models/reward");

  private ShippedModels() {}

  /** {@code prompts} held-out prompts × {@code seeds} seeds, sampled in 3 DDIM steps. */
  public static EvalSettings quickEval(int prompts, int seeds) {
    return EvalSettings.defaults()
        .withSize(prompts, seeds)
        .withSampler(EvalSettings.defaults().sampler().withSteps(3));
  }
}
