package prefloop.app.console;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.diffusion.sampler.TimestepSpacing;
import prefloop.evaluation.CheckpointScores;
import prefloop.evaluation.EvalReport;
import prefloop.evaluation.EvalSettings;
import prefloop.evaluation.Evaluator;
import prefloop.evaluation.ModelSamples;
import prefloop.evaluation.RewardPanel;
import prefloop.evaluation.WinRate;

/**
 * The end-of-run check of {@code up}: the final policy against the base model on the evaluation's
 * held-out prompts × fixed seeds (same seed, same prompt, deterministic DDIM), scored by every
 * reward model; the paper's win rate with ties counted half.
 *
 * @param prompts held-out prompts
 * @param seedsPerPrompt seeds per prompt
 * @param steps DDIM steps
 * @param rewardDir where the reward models are
 */
public record WinRateVsBase(int prompts, int seedsPerPrompt, int steps, Path rewardDir) {

  /**
   * The outcome: a few lines of text, and the mean win rate of the training models.
   *
   * @param text the report
   * @param meanTraining the mean win rate over the training reward models
   */
  public record Result(String text, double meanTraining) {}

  /** Samples both checkpoints on the same items and compares them. */
  public Result run(Path base, Path policy) throws Exception {
    EvalSettings settings =
        EvalSettings.defaults()
            .withSize(prompts, seedsPerPrompt)
            .withSampler(new SamplerSettings(steps, 0.0, 2.0, TimestepSpacing.TRAILING, true))
            .withRewardDir(rewardDir);
    long started = System.nanoTime();
    try (RewardPanel panel = RewardPanel.load(rewardDir)) {
      Evaluator evaluator = new Evaluator(settings, panel);
      ModelSamples baseSamples = evaluator.sample("base", base.toString());
      ModelSamples policySamples = evaluator.sample("policy", policy.toString());
      EvalReport report =
          evaluator.report(List.of(baseSamples, policySamples), List.of("base"), started);
      CheckpointScores row = report.row("policy");
      return new Result(
          format(row, report, settings.images()), row.meanWinRate("base", report.trainingModels()));
    }
  }

  private static String format(CheckpointScores row, EvalReport report, int images) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "  win rate of the final policy vs base (%d held-out images, same seeds):",
                images));
    for (Map.Entry<String, WinRate> entry : row.winRates().get("base").entrySet()) {
      WinRate rate = entry.getValue();
      text.append(
          String.format(
              Locale.ROOT,
              "%n    %-20s %.3f ± %.3f%s",
              entry.getKey(),
              rate.rate(),
              rate.standardError(),
              report.heldOut().contains(entry.getKey()) ? "  (held out)" : ""));
    }
    text.append(
        String.format(
            Locale.ROOT,
            "%n    mean of training models %.3f",
            row.meanWinRate("base", report.trainingModels())));
    CheckpointScores base = report.row("base");
    text.append(
        String.format(
            Locale.ROOT,
            "%n    diversity %.2f (base %.2f), Fréchet distance to renders %.0f (base %.0f)",
            row.diversity(),
            base.diversity(),
            row.frechet(),
            base.frechet()));
    return text.toString();
  }
}
