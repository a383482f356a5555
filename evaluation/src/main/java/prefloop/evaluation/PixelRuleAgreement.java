package prefloop.evaluation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.diffusion.sampler.DdimSampler;
import prefloop.diffusion.sampler.SampleRequest;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.diffusion.sampler.TimestepSpacing;
import prefloop.rater.aesthetic.AestheticModel;
import prefloop.rater.aesthetic.HeldOutAestheticModel;
import prefloop.rater.fidelity.FidelityModel;
import prefloop.rater.fidelity.FidelityScore;
import prefloop.rater.model.RewardModel;
import prefloop.world.AttributeCheck;
import prefloop.world.AttributeChecker;
import prefloop.world.Prompt;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptSplit;
import prefloop.world.RgbImage;

/**
 * Do a reward model's preferences carry what the prompt asked for? On same-prompt pairs of a
 * checkpoint's samples (two seeds per held-out prompt, sampled as the generator samples training
 * pairs), how often each scorer prefers the image the pixel rule ({@link AttributeChecker})
 * prefers: over the pairs where the rule is decisive, and over the pairs that differ on each one
 * attribute. A tie of the scorer counts half, as in {@link WinRate}.
 *
 * <p>Usage: {@code PixelRuleAgreement CHECKPOINT PROMPTS [REWARD_DIR=models/reward]}. Prompt i is
 * drawn from the held-out split with {@code Random(2026)}; its images use seeds 1000 + 2i and 1001
 * + 2i.
 */
public final class PixelRuleAgreement {
  private static final SamplerSettings TRAINING_PAIRS =
      new SamplerSettings(20, 0.0, 2.0, TimestepSpacing.TRAILING, true);
  private static final List<String> ATTRIBUTES =
      List.of("colour", "shape", "background", "position", "size");
  private static final int BATCH = 32;

  private PixelRuleAgreement() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: PixelRuleAgreement CHECKPOINT PROMPTS [REWARD_DIR]");
      System.exit(2);
    }
    Path checkpoint = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    Path rewardDir = Path.of(args.length > 2 ? args[2] : "models/reward");
    PromptSplit split = new PromptSplit(new PromptGrammar());
    Random random = new Random(2026);
    List<Prompt> prompts = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    long[] seeds = new long[2 * n];
    for (int i = 0; i < n; i++) {
      Prompt prompt = split.sampleHeldOut(random);
      prompts.add(prompt);
      texts.add(prompt.text());
      texts.add(prompt.text());
      seeds[2 * i] = 1000L + 2 * i;
      seeds[2 * i + 1] = 1001L + 2 * i;
    }
    List<RgbImage> images = sample(checkpoint, texts, seeds);
    AttributeChecker checker = new AttributeChecker();
    List<AttributeCheck> checks = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      checks.add(checker.check(prompts.get(i / 2), images.get(i)));
    }
    System.out.printf(
        "%d same-prompt pairs of %s (20 DDIM steps, η 0, guidance 2); the pixel rule is decisive"
            + " on %d%n%n",
        n, checkpoint, decisivePairs(checks, -1).size());
    System.out.println(
        "| scorer | agrees with the pixel rule | "
            + String.join(" | ", ATTRIBUTES.stream().map(a -> "pairs differing on " + a).toList())
            + " |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (Map.Entry<String, RewardModel> scorer : scorers(rewardDir).entrySet()) {
      try (RewardModel model = scorer.getValue()) {
        double[] scores = model.score(texts, images);
        StringBuilder row = new StringBuilder("| " + scorer.getKey());
        for (int attribute = -1; attribute < ATTRIBUTES.size(); attribute++) {
          row.append(" | ").append(describe(agreement(scores, checks, attribute)));
        }
        System.out.println(row.append(" |"));
      }
    }
    System.exit(0);
  }

  /**
   * How often {@code scores} prefer the rule's better image of each pair (images 2i and 2i + 1):
   * over the pairs the rule decides ({@code attribute} −1), or over those that differ on attribute
   * {@code attribute} (0 colour … 4 size). Null when no pair qualifies.
   */
  static WinRate agreement(double[] scores, List<AttributeCheck> checks, int attribute) {
    List<int[]> pairs = decisivePairs(checks, attribute);
    if (pairs.isEmpty()) {
      return null;
    }
    double[] better = new double[pairs.size()];
    double[] worse = new double[pairs.size()];
    for (int p = 0; p < pairs.size(); p++) {
      better[p] = scores[pairs.get(p)[0]];
      worse[p] = scores[pairs.get(p)[1]];
    }
    return WinRate.of(better, worse);
  }

  /** {better, worse} image indices of the pairs the rule (or one attribute of it) decides. */
  static List<int[]> decisivePairs(List<AttributeCheck> checks, int attribute) {
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < checks.size(); i += 2) {
      double first = value(checks.get(i), attribute);
      double second = value(checks.get(i + 1), attribute);
      if (first != second) {
        pairs.add(first > second ? new int[] {i, i + 1} : new int[] {i + 1, i});
      }
    }
    return pairs;
  }

  private static double value(AttributeCheck check, int attribute) {
    boolean correct =
        switch (attribute) {
          case -1 -> false;
          case 0 -> check.colourCorrect();
          case 1 -> check.shapeCorrect();
          case 2 -> check.backgroundCorrect();
          case 3 -> check.positionCorrect();
          case 4 -> check.sizeCorrect();
          default -> throw new IllegalArgumentException("no attribute " + attribute);
        };
    return attribute == -1 ? check.score() : correct ? 1 : 0;
  }

  private static String describe(WinRate rate) {
    return rate == null
        ? "–"
        : String.format(
            "%.2f ± %.2f (%d)",
            rate.rate(), rate.standardError(), rate.wins() + rate.ties() + rate.losses());
  }

  private static Map<String, RewardModel> scorers(Path rewardDir) {
    Map<String, RewardModel> scorers = new LinkedHashMap<>();
    for (String net : List.of("fidelity", "fidelity-heldout")) {
      for (FidelityScore score : FidelityScore.values()) {
        String name = net + (score == FidelityScore.PROBABILITY ? " (probability)" : " (log-prob)");
        scorers.put(name, FidelityModel.load(net, rewardDir.resolve(net), null, score));
      }
    }
    scorers.put("aesthetic", new AestheticModel("aesthetic"));
    scorers.put("aesthetic-heldout", new HeldOutAestheticModel("aesthetic-heldout"));
    return scorers;
  }

  private static List<RgbImage> sample(Path checkpoint, List<String> texts, long[] seeds)
      throws Exception {
    List<RgbImage> images = new ArrayList<>();
    try (LoadedCheckpoint loaded = new CheckpointLoader().load(checkpoint);
        DdimSampler sampler = new DdimSampler(loaded.model())) {
      for (int from = 0; from < texts.size(); from += BATCH) {
        int to = Math.min(texts.size(), from + BATCH);
        long[] chunk = new long[to - from];
        System.arraycopy(seeds, from, chunk, 0, chunk.length);
        images.addAll(
            sampler
                .sample(SampleRequest.of(texts.subList(from, to), chunk, TRAINING_PAIRS))
                .images());
      }
    }
    return images;
  }
}
