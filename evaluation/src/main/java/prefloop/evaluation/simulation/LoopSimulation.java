package prefloop.evaluation.simulation;

import ai.djl.ndarray.NDManager;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.diffusion.sampler.DdimSampler;
import prefloop.diffusion.sampler.SampleRequest;
import prefloop.diffusion.sampler.SamplerSettings;
import prefloop.diffusion.sampler.TimestepSpacing;
import prefloop.evaluation.CheckpointScores;
import prefloop.evaluation.EvalReport;
import prefloop.evaluation.Evaluator;
import prefloop.evaluation.ModelSamples;
import prefloop.evaluation.RewardPanel;
import prefloop.learner.core.BinStats;
import prefloop.learner.core.PreferenceExample;
import prefloop.learner.core.PreferenceTrainer;
import prefloop.learner.core.StepResult;
import prefloop.rater.ensemble.BradleyTerryLabeller;
import prefloop.rater.ensemble.EnsembleMode;
import prefloop.rater.ensemble.Judgement;
import prefloop.rater.ensemble.ParetoDominance;
import prefloop.schemas.avro.PreferenceLabel;
import prefloop.world.PromptGrammar;
import prefloop.world.PromptSplit;
import prefloop.world.RgbImage;

/**
 * The online loop in one thread, for measuring alignment per CPU-second lever by lever: each round
 * samples {@code promptsPerRound} groups of K images from the current policy, scores every image
 * with the whole reward panel, labels pairs with the training ensemble's Bradley–Terry rule (as the
 * rater service does), and runs {@code stepsPerRound} learner steps on the newest pairs. Held-out
 * same-seed win rates against the base are measured every {@code evalEvery} rounds. CPU time is
 * counted per phase (generation, rating, learning, evaluation), so the table says what each lever
 * costs as well as what it buys.
 *
 * <p>Label diagnostics, per round: how often a decisive label agrees with each panel model (the
 * winner scores higher), and each training model's share of the label decisions (the model whose
 * weighted term is the larger part of |Δ|).
 */
public final class LoopSimulation {

  private static final String FIDELITY = "fidelity";
  private static final String AESTHETIC = "aesthetic";

  private final LoopSimulationSettings settings;
  private final RewardPanel panel;
  private final Evaluator evaluator;
  private final PrintStream out;
  private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
  private final PromptSplit split = new PromptSplit(new PromptGrammar());
  private final BradleyTerryLabeller labeller;
  private final Deque<PreferenceExample> replay = new ArrayDeque<>();
  private final LabelTally tally = new LabelTally();
  private double generationSeconds;
  private double ratingSeconds;
  private double learningSeconds;
  private double evaluationSeconds;
  private long pairsMade;
  private long imagesMade;
  private List<BinStats> bins = List.of();

  public LoopSimulation(
      LoopSimulationSettings settings, RewardPanel panel, Evaluator evaluator, PrintStream out) {
    this.settings = settings;
    this.panel = panel;
    this.evaluator = evaluator;
    this.out = out;
    this.labeller =
        new BradleyTerryLabeller(
            settings.temperature(), settings.tieMargin(), EnsembleMode.WEIGHTED_SUM, 1L);
  }

  /** Runs every round on {@code base}; returns the last evaluation. */
  public CheckpointScores run(DiffusionModel base) {
    long started = cpuNanos();
    ModelSamples baseSamples = evaluator.sample("base", "base", base);
    evaluationSeconds += seconds(started);
    CheckpointScores last = null;
    Random prompts = new Random(settings.seed());
    SplittableRandom draws = new SplittableRandom(settings.seed() + 1);
    try (NDManager manager = NDManager.newBaseManager();
        PreferenceTrainer trainer = new PreferenceTrainer(settings.trainer(), base, manager)) {
      for (int round = 1; round <= settings.rounds(); round++) {
        List<PreferenceExample> fresh = generateAndRate(trainer.policy(), prompts, round);
        fresh.forEach(replay::addFirst);
        while (replay.size() > settings.replayCapacity()) {
          replay.removeLast();
        }
        train(trainer, fresh, draws, round);
        boolean due = settings.evalEvery() > 0 && round % settings.evalEvery() == 0;
        if (due || round == settings.rounds()) {
          last = evaluate(trainer, baseSamples, round);
        }
      }
    }
    return last;
  }

  private List<PreferenceExample> generateAndRate(
      DiffusionModel policy, Random prompts, int round) {
    int k = settings.groupSize();
    List<String> texts = new ArrayList<>();
    long[] seeds = new long[settings.promptsPerRound() * k];
    for (int g = 0; g < settings.promptsPerRound(); g++) {
      String text = split.sampleTrain(prompts).text();
      for (int i = 0; i < k; i++) {
        seeds[texts.size()] = settings.seed() * 1_000_003L + imagesMade + texts.size();
        texts.add(text);
      }
    }
    long started = cpuNanos();
    SamplerSettings sampler =
        new SamplerSettings(
            settings.samplerSteps(), 0.0, settings.guidance(), TimestepSpacing.TRAILING, true);
    List<RgbImage> images;
    try (DdimSampler ddim = new DdimSampler(policy)) {
      images = ddim.sample(SampleRequest.of(texts, seeds, sampler)).images();
    }
    generationSeconds += seconds(started);
    imagesMade += images.size();
    started = cpuNanos();
    Map<String, double[]> scores = panel.score(texts, images);
    List<PreferenceExample> pairs = new ArrayList<>();
    for (int g = 0; g < settings.promptsPerRound(); g++) {
      pairs.addAll(pairsOfGroup(texts.get(g * k), images, scores, g * k, round));
    }
    ratingSeconds += seconds(started);
    pairsMade += pairs.size();
    return pairs;
  }

  private List<PreferenceExample> pairsOfGroup(
      String prompt, List<RgbImage> images, Map<String, double[]> scores, int from, int round) {
    int k = settings.groupSize();
    double[] fidelity = scores.get(FIDELITY);
    double[] aesthetic = scores.get(AESTHETIC);
    Integer[] order = new Integer[k];
    double[] utility = new double[k];
    for (int i = 0; i < k; i++) {
      order[i] = i;
      utility[i] =
          fidelity[from + i] / settings.fidelityScale()
              + aesthetic[from + i] / settings.aestheticScale();
    }
    Arrays.sort(order, (a, b) -> Double.compare(utility[b], utility[a]));
    List<int[]> candidates = new ArrayList<>();
    switch (settings.pairing()) {
      case BEST_WORST -> candidates.add(new int[] {order[0], order[k - 1]});
      case HALVES -> {
        for (int i = 0; i < k / 2; i++) {
          candidates.add(new int[] {order[i], order[i + k / 2]});
        }
      }
      case NESTED -> {
        for (int i = 0; i < k / 2; i++) {
          candidates.add(new int[] {order[i], order[k - 1 - i]});
        }
      }
      case ALL -> {
        for (int i = 0; i < k; i++) {
          for (int j = i + 1; j < k; j++) {
            candidates.add(new int[] {order[i], order[j]});
          }
        }
      }
    }
    List<PreferenceExample> pairs = new ArrayList<>();
    for (int[] c : candidates) {
      int a = from + c[0];
      int b = from + c[1];
      double margin = utility[c[0]] - utility[c[1]];
      String id = "sim-" + round + "-" + a + "-" + b;
      Judgement judgement =
          settings.pareto()
              ? pareto(fidelity, aesthetic, a, b)
              : labeller.label(
                  margin, new SplittableRandom(id.hashCode() ^ settings.seed()).nextDouble());
      if (judgement.label() != PreferenceLabel.A && judgement.label() != PreferenceLabel.B) {
        tally.tie();
        continue;
      }
      boolean aWins = judgement.label() == PreferenceLabel.A;
      int winner = aWins ? a : b;
      int loser = aWins ? b : a;
      tally.decided(scores, winner, loser, fidelityShare(fidelity, aesthetic, a, b));
      pairs.add(
          new PreferenceExample(
              id, prompt, images.get(winner), images.get(loser), 1.0, 0, Optional.empty()));
    }
    return pairs;
  }

  /** The rater's Pareto rule over the two training models' scaled differences. */
  private Judgement pareto(double[] fidelity, double[] aesthetic, int a, int b) {
    double f = (fidelity[a] - fidelity[b]) / settings.fidelityScale();
    double s = (aesthetic[a] - aesthetic[b]) / settings.aestheticScale();
    return BradleyTerryLabeller.byDominance(
        ParetoDominance.of(new double[] {f, s}, settings.tieMargin()));
  }

  /** Whether the fidelity net's term is the larger part of |Δ| for images a and b. */
  private boolean fidelityShare(double[] fidelity, double[] aesthetic, int a, int b) {
    double f = Math.abs(fidelity[a] - fidelity[b]) / settings.fidelityScale();
    double s = Math.abs(aesthetic[a] - aesthetic[b]) / settings.aestheticScale();
    return f >= s;
  }

  private void train(
      PreferenceTrainer trainer, List<PreferenceExample> fresh, SplittableRandom draws, int round) {
    List<PreferenceExample> pool = new ArrayList<>(replay);
    if (pool.isEmpty()) {
      return;
    }
    long started = cpuNanos();
    double loss = 0;
    double accuracy = 0;
    int counted = 0;
    for (int s = 0; s < settings.stepsPerRound(); s++) {
      List<PreferenceExample> batch = new ArrayList<>();
      for (int i = 0; i < settings.batch(); i++) {
        // the round's new pairs first (as the learner service trains them), then replays
        int slot = s * settings.batch() + i;
        PreferenceExample pick =
            slot < fresh.size() ? fresh.get(slot) : pool.get(draws.nextInt(pool.size()));
        for (int d = 0; d < settings.draws(); d++) {
          batch.add(pick);
        }
      }
      StepResult result = trainer.step(batch);
      bins = result.bins();
      if (Double.isFinite(result.loss())) {
        loss += result.loss();
        accuracy += result.implicitAccuracy();
        counted++;
      }
    }
    learningSeconds += seconds(started);
    if (round % Math.max(1, settings.evalEvery()) == 0 || round == 1) {
      out.printf(
          "round %d: pairs %d, steps %d, loss %.4f, implicit acc %.3f, %s%n  bins (noisiest"
              + " first) accuracy/mean |margin|:%s%n",
          round,
          pairsMade,
          trainer.stepsTaken(),
          loss / Math.max(1, counted),
          accuracy / Math.max(1, counted),
          tally.describe(),
          describe(bins));
    }
  }

  private CheckpointScores evaluate(
      PreferenceTrainer trainer, ModelSamples baseSamples, int round) {
    long started = cpuNanos();
    ModelSamples policy = evaluator.sample("r" + round, "policy", trainer.policy());
    EvalReport report =
        evaluator.report(List.of(baseSamples, policy), List.of("base"), System.nanoTime());
    evaluationSeconds += seconds(started);
    CheckpointScores base = report.rows().get(0);
    CheckpointScores row = report.rows().get(1);
    StringBuilder line = new StringBuilder();
    row.winRates()
        .get("base")
        .forEach(
            (model, rate) ->
                line.append(
                    String.format(" %s %.3f±%.3f", model, rate.rate(), rate.standardError())));
    out.printf(
        "EVAL round %d pairs %d steps %d drift %.2e |%s | diversity %.2f (base %.2f) FD %.0f (base"
            + " %.0f) | cpu s: gen %.0f rate %.0f learn %.0f eval %.0f%n",
        round,
        pairsMade,
        trainer.stepsTaken(),
        trainer.policyDrift(new ArrayList<>(replay).subList(0, Math.min(16, replay.size()))),
        line,
        row.diversity(),
        base.diversity(),
        row.frechet(),
        base.frechet(),
        generationSeconds,
        ratingSeconds,
        learningSeconds,
        evaluationSeconds);
    return row;
  }

  private static String describe(List<BinStats> bins) {
    StringBuilder text = new StringBuilder();
    for (BinStats bin : bins) {
      text.append(String.format(" %.2f/%.3g", bin.accuracy(), bin.rewardScale()));
    }
    return text.toString();
  }

  private long cpuNanos() {
    return cpu.getCurrentThreadCpuTime();
  }

  private double seconds(long startedCpuNanos) {
    return (cpuNanos() - startedCpuNanos) / 1e9;
  }
}
