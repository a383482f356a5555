package prefloop.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import prefloop.diffusion.checkpoint.CheckpointLoader;
import prefloop.diffusion.checkpoint.CorruptCheckpointException;
import prefloop.diffusion.checkpoint.LoadedCheckpoint;
import prefloop.diffusion.model.DiffusionModel;
import prefloop.world.Renderer;
import prefloop.world.RgbImage;

/**
 * Runs the evaluation protocol (DESIGN §5): sample every checkpoint on the same held-out prompts ×
 * seeds ({@link EvalPromptSet}), score each image with every reward model ({@link RewardPanel}),
 * and compare checkpoints image by image with {@link WinRate}; diversity and the Fréchet distance
 * to clean renders of the same items use the fidelity net's features ({@link FidelityFeatures}).
 * Sampling is separate from scoring so a caller (the ablation) can sample a policy, close it, and
 * score everything at the end.
 */
public final class Evaluator {
  private final EvalSettings settings;
  private final RewardPanel panel;
  private final EvalPromptSet items;
  private final ImageSampler sampler;
  private final float[][] renderFeatures;
  private final double renderDiversity;

  /**
   * @param panel the reward models (the caller closes it)
   */
  public Evaluator(EvalSettings settings, RewardPanel panel) {
    this.settings = settings;
    this.panel = panel;
    this.items = new EvalPromptSet(settings);
    this.sampler = new ImageSampler(settings);
    Renderer renderer = new Renderer();
    List<RgbImage> renders = new ArrayList<>(items.items().size());
    for (EvalItem item : items.items()) {
      renders.add(renderer.render(item.prompt(), item.seed()));
    }
    this.renderFeatures = panel.features().of(renders);
    this.renderDiversity = Diversity.meanPairwiseDistance(renderFeatures, items.groups());
  }

  public EvalPromptSet items() {
    return items;
  }

  public EvalSettings settings() {
    return settings;
  }

  /** Samples {@code model} on the evaluation set. */
  public ModelSamples sample(String name, String source, DiffusionModel model) {
    return new ModelSamples(name, source, sampler.sample(model, items));
  }

  /** Loads the checkpoint at {@code location} (path or URL), samples it, and closes it. */
  public ModelSamples sample(String name, String location) throws CorruptCheckpointException {
    try (LoadedCheckpoint loaded = new CheckpointLoader().load(location)) {
      return sample(name, location, loaded.model());
    }
  }

  /** Scores {@code samples} and compares each with every baseline (which must be among them). */
  public EvalReport report(List<ModelSamples> samples, List<String> baselines, long startedNanos) {
    Map<String, Map<String, double[]>> scores = new LinkedHashMap<>();
    for (ModelSamples s : samples) {
      if (s.images().size() != items.items().size()) {
        throw new IllegalArgumentException(
            s.name()
                + " has "
                + s.images().size()
                + " images for "
                + items.items().size()
                + " items");
      }
      if (scores.put(s.name(), panel.score(items.texts(), s.images())) != null) {
        throw new IllegalArgumentException("two checkpoints are named '" + s.name() + "'");
      }
    }
    for (String baseline : baselines) {
      if (!scores.containsKey(baseline)) {
        throw new IllegalArgumentException(
            "baseline '" + baseline + "' is not one of the checkpoints " + scores.keySet());
      }
    }
    List<CheckpointScores> rows = new ArrayList<>();
    for (ModelSamples s : samples) {
      rows.add(row(s, scores, baselines));
    }
    List<String> heldOut = panel.names().stream().filter(panel::heldOut).toList();
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    return new EvalReport(
        settings, panel.names(), heldOut, baselines, rows, renderDiversity, seconds);
  }

  private CheckpointScores row(
      ModelSamples s, Map<String, Map<String, double[]>> scores, List<String> baselines) {
    Map<String, double[]> own = scores.get(s.name());
    Map<String, Double> means = new LinkedHashMap<>();
    own.forEach((model, values) -> means.put(model, mean(values)));
    Map<String, Map<String, WinRate>> wins = new LinkedHashMap<>();
    for (String baseline : baselines) {
      Map<String, WinRate> perModel = new LinkedHashMap<>();
      own.forEach(
          (model, values) ->
              perModel.put(model, WinRate.of(values, scores.get(baseline).get(model))));
      wins.put(baseline, perModel);
    }
    float[][] features = panel.features().of(s.images());
    float[][] pixels = s.images().stream().map(RgbImage::data).toArray(float[][]::new);
    return new CheckpointScores(
        s.name(),
        s.source(),
        means,
        wins,
        Diversity.meanPairwiseDistance(features, items.groups()),
        Diversity.meanPairwiseDistance(pixels, items.groups()),
        FrechetDistance.squared(features, renderFeatures));
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }
}
