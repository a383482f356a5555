package prefloop.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.diffusion.sampler.TimestepSpacing;
import prefloop.evaluation.outputs.EvalOutputs;
import prefloop.evaluation.outputs.EvalTables;
import prefloop.schemas.cli.Commands;
import prefloop.world.Prompt;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptSplit;

/**
 * {@code eval}: samples checkpoints on fixed held-out prompts (or the prompts of a file) × fixed
 * seeds, scores them with every reward model, and writes win rates against a baseline, diversity,
 * the Fréchet distance to clean renders, a comparison grid and charts ({@link EvalOutputs}).
 */
@Command(
    name = "eval",
    description =
        "Evaluates checkpoints on held-out prompts × fixed seeds: reward scores, win rate vs a"
            + " baseline under the same seed, diversity, Fréchet distance; tables, JSON and PNGs.")
public final class EvalCommand implements Callable<Integer> {

  @Option(
      names = "--checkpoint",
      required = true,
      paramLabel = "NAME=DIR",
      description =
          "a checkpoint to evaluate, repeatable (e.g. base=models/base"
              + " dpo=run/checkpoints/policy-v000012)")
  Map<String, Path> checkpoints = new LinkedHashMap<>();

  @Option(
      names = "--baseline",
      description = "name of the checkpoint win rates are against (default: the first)")
  String baseline;

  @Option(names = "--out", description = "output directory (default ${DEFAULT-VALUE})")
  Path out = Path.of("run/eval");

  @Option(names = "--reward-dir", description = "reward checkpoints (default ${DEFAULT-VALUE})")
  Path rewardDir = Path.of("models/reward");

  @Option(names = "--prompts", description = "held-out prompts (default ${DEFAULT-VALUE})")
  int prompts = EvalSettings.defaults().prompts();

  @Option(
      names = "--prompts-file",
      paramLabel = "FILE",
      description =
          "evaluate on the prompts of FILE (one per line, in file order; blank lines and lines"
              + " starting with # skipped) instead of the held-out split; excludes --prompts")
  Path promptsFile;

  @Option(names = "--seeds-per-prompt", description = "seeds per prompt (default ${DEFAULT-VALUE})")
  int seedsPerPrompt = EvalSettings.defaults().seedsPerPrompt();

  @Option(
      names = "--first-seed",
      paramLabel = "N",
      description = "sampler seed of item 0; item i uses N + i (default ${DEFAULT-VALUE})")
  long firstSeed = EvalSettings.defaults().firstSeed();

  @Option(names = "--steps", description = "DDIM steps (default ${DEFAULT-VALUE})")
  int steps = EvalSettings.defaults().sampler().steps();

  @Option(names = "--guidance", description = "guidance scale (default ${DEFAULT-VALUE})")
  double guidance = EvalSettings.defaults().sampler().guidanceScale();

  @Option(names = "--grid-columns", description = "items shown per grid row (default 16)")
  int gridColumns = 16;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    EvalSettings settings = settings();
    String base = baseline == null ? checkpoints.keySet().iterator().next() : baseline;
    if (!checkpoints.containsKey(base)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "--baseline " + base + " is not one of the --checkpoint names " + checkpoints.keySet());
    }
    long started = System.nanoTime();
    EvalReport report;
    List<ModelSamples> samples = new ArrayList<>();
    try (RewardPanel panel = RewardPanel.load(rewardDir)) {
      Evaluator evaluator = new Evaluator(settings, panel);
      for (Map.Entry<String, Path> entry : checkpoints.entrySet()) {
        samples.add(evaluator.sample(entry.getKey(), entry.getValue().toString()));
        System.out.printf("sampled %s (%d images)%n", entry.getKey(), settings.images());
      }
      report = evaluator.report(samples, List.of(base), started);
    }
    String header = "Command: `prefloop eval " + String.join(" ", commandLine()) + "`";
    EvalOutputs.write(report, samples, header, gridColumns, out);
    System.out.println(EvalTables.markdown(report));
    System.out.println("written: " + out.toAbsolutePath() + "/{eval.md,eval.json,grid.png,*.png}");
    return 0;
  }

  /**
   * The settings the options ask for; reads and checks the prompts file.
   *
   * @throws CommandLine.ParameterException for a bad prompts file or conflicting options
   */
  EvalSettings settings() {
    EvalSettings settings =
        EvalSettings.defaults()
            .withSize(prompts, seedsPerPrompt)
            .withFirstSeed(firstSeed)
            .withSampler(new SamplerSettings(steps, 0.0, guidance, TimestepSpacing.TRAILING, true))
            .withRewardDir(rewardDir);
    if (promptsFile == null) {
      return settings;
    }
    if (spec != null && spec.commandLine().getParseResult().hasMatchedOption("--prompts")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--prompts and --prompts-file exclude each other");
    }
    List<Prompt> filePrompts;
    try {
      filePrompts = EvalPromptSet.readPromptsFile(promptsFile);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec == null ? new CommandLine(this) : spec.commandLine(),
          "--prompts-file " + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new CommandLine.ParameterException(
          spec == null ? new CommandLine(this) : spec.commandLine(),
          "--prompts-file " + promptsFile + ": cannot read it (" + e + ")",
          e);
    }
    PromptSplit split = new PromptSplit(new PromptGrammar());
    long training = filePrompts.stream().filter(p -> !split.isHeldOut(p)).count();
    if (training > 0) {
      System.out.printf(
          "note: %d of the %d prompts of %s are training prompts, not held out%n",
          training, filePrompts.size(), promptsFile);
    }
    return settings.withPrompts(filePrompts);
  }

  private List<String> commandLine() {
    List<String> args = new ArrayList<>();
    checkpoints.forEach((k, v) -> args.add("--checkpoint " + k + "=" + v));
    args.add(
        "--baseline " + (baseline == null ? checkpoints.keySet().iterator().next() : baseline));
    args.add(promptsFile == null ? "--prompts " + prompts : "--prompts-file " + promptsFile);
    args.add("--seeds-per-prompt " + seedsPerPrompt);
    args.add("--first-seed " + firstSeed);
    args.add("--steps " + steps);
    args.add("--guidance " + guidance);
    args.add("--reward-dir " + rewardDir);
    args.add("--out " + out);
    return args;
  }

  public static void main(String[] args) {
    Commands.runAndExit(new EvalCommand(), args);
  }
}
