package prefloop.learner.tools;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.sampler.DdimSampler;
import prefloop.diffusion.sampler.SampleRequest;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.diffusion.sampler.TimestepSpacing;
import prefloop.learner.core.PreferenceExample;
import prefloop.learner.core.PreferenceTrainer;
import prefloop.learner.core.ReferenceUpdateConfig;
import prefloop.learner.core.StepResult;
import prefloop.learner.core.TimestepStrategyKind;
import prefloop.learner.core.TrainerConfig;
import prefloop.schemas.cli.Commands;
import prefloop.world.AttributeChecker;
import prefloop.world.Prompt;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptSplit;
import prefloop.world.RgbImage;

/**
 * The learning check (docs/learner/LEARNING_CHECK.md): pairs sampled from the base model on
 * training prompts, labelled by a pixel rule (higher {@link AttributeChecker} score wins, ties
 * dropped), a few hundred offline Diffusion-DPO steps, then the rule's win rate of the trained
 * policy against the base under the same held-out prompts and seeds.
 *
 * <pre>
 * LearningCheckMain BASE [STEPS=300] [POOL=512] [BATCH=8] [BETA=5000] [LR=1e-5] [EVAL=128]
 *                   [TIMESTEPS=UNIFORM] [ALPHA=0] [TAU=32]
 * </pre>
 */
@Command(
    name = "learning-check",
    description =
        "Offline Diffusion-DPO on base pairs labelled by the pixel rule, then the rule's win rate"
            + " of the policy against the base on held-out prompts.")
public final class LearningCheckMain implements Callable<Integer> {

  private static final SamplerSettings SAMPLER =
      new SamplerSettings(6, 0.0, 2.0, TimestepSpacing.TRAILING, true);
  private static final AttributeChecker CHECKER = new AttributeChecker();
  private static final int SAMPLE_BATCH = 32;

  @Parameters(index = "0", paramLabel = "BASE", description = "the base model's checkpoint folder")
  Path base;

  @Parameters(index = "1", arity = "0..1", defaultValue = "300", paramLabel = "STEPS")
  int steps;

  @Parameters(
      index = "2",
      arity = "0..1",
      defaultValue = "512",
      paramLabel = "POOL",
      description = "base pairs sampled and labelled (ties dropped)")
  int poolPairs;

  @Parameters(index = "3", arity = "0..1", defaultValue = "8", paramLabel = "BATCH")
  int batch;

  @Parameters(index = "4", arity = "0..1", defaultValue = "5000", paramLabel = "BETA")
  double beta;

  @Parameters(index = "5", arity = "0..1", defaultValue = "1e-5", paramLabel = "LR")
  double lr;

  @Parameters(
      index = "6",
      arity = "0..1",
      defaultValue = "128",
      paramLabel = "EVAL",
      description = "held-out images the win rate is measured on")
  int evalImages;

  @Parameters(index = "7", arity = "0..1", defaultValue = "UNIFORM", paramLabel = "TIMESTEPS")
  TimestepStrategyKind kind;

  @Parameters(
      index = "8",
      arity = "0..1",
      defaultValue = "0",
      paramLabel = "ALPHA",
      description = "reference merge α (0 = frozen reference)")
  double alpha;

  @Parameters(index = "9", arity = "0..1", defaultValue = "32", paramLabel = "TAU")
  int tau;

  @Option(
      names = "--group-size",
      defaultValue = "2",
      description =
          "images sampled per training prompt; the pair is the rule's best against its worst"
              + " (default ${DEFAULT-VALUE}: two seeds)")
  int groupSize;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    Commands.runAndExit(new LearningCheckMain(), args);
  }

  @Override
  public Integer call() throws Exception {
    if (groupSize < 2) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--group-size must be >= 2, got " + groupSize);
    }
    TrainerConfig config =
        TrainerConfig.defaults()
            .withBeta(beta)
            .withLearningRate(lr)
            .withTimesteps(kind)
            .withReference(
                alpha > 0
                    ? ReferenceUpdateConfig.defaults().withAlpha(alpha).withTau(tau)
                    : ReferenceUpdateConfig.off());
    PromptSplit split = new PromptSplit(new PromptGrammar());
    long started = System.nanoTime();
    try (LoadedCheckpoint checkpoint = new CheckpointLoader().load(base);
        NDManager manager = NDManager.newBaseManager()) {
      DiffusionModel baseModel = checkpoint.model();
      List<PreferenceExample> pool = labelledPool(baseModel, split, poolPairs);
      say(
          "pool: %d labelled pairs of %d (best vs worst of %d, ties dropped) in %.0f s",
          pool.size(), poolPairs, groupSize, secs(started));
      List<Prompt> evalPrompts = evalPrompts(split, evalImages);
      List<RgbImage> before = sample(baseModel, evalPrompts, 1_000_000L);
      try (PreferenceTrainer trainer = new PreferenceTrainer(config, baseModel, manager)) {
        train(trainer, pool, steps, batch);
        say(
            "drift D(policy, base) on 16 preferred images: %.3e",
            trainer.policyDrift(pool.subList(0, Math.min(16, pool.size()))));
        List<RgbImage> after = sample(trainer.policy(), evalPrompts, 1_000_000L);
        report(evalPrompts, before, after, config, steps, batch, pool.size(), secs(started));
      }
    }
    return 0;
  }

  /** Per prompt, the rule's best of {@link #groupSize} samples against its worst (ties dropped). */
  private List<PreferenceExample> labelledPool(DiffusionModel model, PromptSplit split, int pairs) {
    Random random = new Random(7);
    List<Prompt> prompts = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      prompts.add(split.sampleTrain(random));
    }
    List<Prompt> repeated = new ArrayList<>();
    for (Prompt p : prompts) {
      for (int k = 0; k < groupSize; k++) {
        repeated.add(p);
      }
    }
    List<RgbImage> images = sample(model, repeated, 0);
    List<PreferenceExample> pool = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      Prompt prompt = prompts.get(i);
      int best = -1;
      int worst = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      double worstScore = Double.POSITIVE_INFINITY;
      for (int k = 0; k < groupSize; k++) {
        double score = CHECKER.check(prompt, images.get(groupSize * i + k)).score();
        if (score > bestScore) {
          bestScore = score;
          best = k;
        }
        if (score < worstScore) {
          worstScore = score;
          worst = k;
        }
      }
      if (bestScore > worstScore) {
        pool.add(
            PreferenceExample.of(
                "pair-" + i,
                prompt.text(),
                images.get(groupSize * i + best),
                images.get(groupSize * i + worst),
                0));
      }
    }
    return pool;
  }

  private static List<Prompt> evalPrompts(PromptSplit split, int count) {
    Random random = new Random(11);
    List<Prompt> prompts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      prompts.add(split.sampleHeldOut(random));
    }
    return prompts;
  }

  /** Image i of {@code prompts} from seed {@code firstSeed + i}. */
  private static List<RgbImage> sample(DiffusionModel model, List<Prompt> prompts, long firstSeed) {
    List<RgbImage> images = new ArrayList<>();
    try (DdimSampler sampler = new DdimSampler(model)) {
      for (int from = 0; from < prompts.size(); from += SAMPLE_BATCH) {
        int to = Math.min(prompts.size(), from + SAMPLE_BATCH);
        long[] seeds = new long[to - from];
        for (int i = from; i < to; i++) {
          seeds[i - from] = firstSeed + i;
        }
        List<String> texts = prompts.subList(from, to).stream().map(Prompt::text).toList();
        images.addAll(sampler.sample(SampleRequest.of(texts, seeds, SAMPLER)).images());
        say("sampled %d/%d", to, prompts.size());
      }
    }
    return images;
  }

  private static void train(
      PreferenceTrainer trainer, List<PreferenceExample> pool, int steps, int batch) {
    SplittableRandom random = new SplittableRandom(3);
    double loss = 0;
    double accuracy = 0;
    double margin = 0;
    double millis = 0;
    int window = 0;
    for (int s = 1; s <= steps; s++) {
      List<PreferenceExample> examples = new ArrayList<>(batch);
      for (int i = 0; i < batch; i++) {
        examples.add(pool.get(random.nextInt(pool.size())));
      }
      StepResult result = trainer.step(examples);
      loss += result.loss();
      accuracy += result.implicitAccuracy();
      margin += result.meanMargin();
      millis += result.stepMillis();
      window++;
      if (s % 25 == 0 || s == steps) {
        say(
            "step %d: loss %.4f implicit_acc %.3f margin %.3f (%.0f ms/step)%s",
            s,
            loss / window,
            accuracy / window,
            margin / window,
            millis / window,
            result.merge().map(m -> " merge " + m).orElse(""));
        loss = accuracy = margin = millis = 0;
        window = 0;
      }
    }
  }

  private static void report(
      List<Prompt> prompts,
      List<RgbImage> before,
      List<RgbImage> after,
      TrainerConfig config,
      int steps,
      int batch,
      int pool,
      double seconds) {
    double wins = 0;
    double scoreBefore = 0;
    double scoreAfter = 0;
    int colourBefore = 0;
    int colourAfter = 0;
    for (int i = 0; i < prompts.size(); i++) {
      var b = CHECKER.check(prompts.get(i), before.get(i));
      var a = CHECKER.check(prompts.get(i), after.get(i));
      wins += a.score() > b.score() ? 1 : a.score() == b.score() ? 0.5 : 0;
      scoreBefore += b.score();
      scoreAfter += a.score();
      colourBefore += b.colourCorrect() ? 1 : 0;
      colourAfter += a.colourCorrect() ? 1 : 0;
    }
    int n = prompts.size();
    say(
        "RESULT %s beta=%s lr=%s timesteps=%s reference=%s steps=%d batch=%d pool=%d:"
            + " win rate vs base %.3f (ties 0.5) | mean attribute score base %.3f -> policy %.3f"
            + " | colour correct base %.3f -> policy %.3f | %d held-out prompts, same seeds | %.0f s",
        config.objective(),
        config.beta(),
        config.learningRate(),
        config.timesteps().kind(),
        config.reference().alpha() > 0 ? "alpha=" + config.reference().alpha() : "off",
        steps,
        batch,
        pool,
        wins / n,
        scoreBefore / n,
        scoreAfter / n,
        (double) colourBefore / n,
        (double) colourAfter / n,
        n,
        seconds);
  }

  private static double secs(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  private static void say(String format, Object... values) {
    System.out.println(String.format(Locale.ROOT, format, values));
  }
}
