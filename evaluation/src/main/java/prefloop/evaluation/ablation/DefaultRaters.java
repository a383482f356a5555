package prefloop.evaluation.ablation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import prefloop.rater.ensemble.BradleyTerryLabeller;
import prefloop.rater.ensemble.Ensemble;
import prefloop.rater.ensemble.EnsembleMode;
import prefloop.rater.ensemble.GroupScore;
import prefloop.rater.ensemble.Judgement;
import prefloop.rater.ensemble.PairScore;
import prefloop.rater.ensemble.WeightedModel;
import prefloop.rater.model.ModelSpec;
import prefloop.rater.model.RewardModels;
import prefloop.rater.service.RaterConfig;
import prefloop.schemas.avro.PreferenceLabel;

/**
 * The rater service's default ensemble, in-process: {@link RaterConfig#DEFAULT_MODELS} with their
 * default weights and scales, and the service's default temperature, tie margin and seed, labelled
 * by the Bradley–Terry rule on the weighted sum. The service labels by Pareto dominance since
 * 2026-12-05; the ablation keeps the weighted sum its published rows (docs/ablation) were measured
 * with, so that they still reproduce (Pareto ties would drop about a third of its fixed streams).
 */
public final class DefaultRaters implements AutoCloseable {
  private static final EnsembleMode LABELS = EnsembleMode.WEIGHTED_SUM;

  private final RaterConfig config;
  private final Ensemble ensemble;
  private final BradleyTerryLabeller labeller;

  /** Loads the default ensemble's models from {@code rewardDir}. */
  public DefaultRaters(Path rewardDir) {
    this.config = RaterConfig.defaults("in-process:0");
    List<WeightedModel> members = new ArrayList<>();
    for (ModelSpec spec : config.models()) {
      members.add(
          new WeightedModel(
              RewardModels.create(spec, rewardDir, Duration.ofSeconds(10)),
              spec.weight(),
              spec.scale()));
    }
    this.ensemble = new Ensemble(members, config.tieMargin());
    this.labeller =
        new BradleyTerryLabeller(config.temperature(), config.tieMargin(), LABELS, config.seed());
  }

  /** The rater id written into each preference. */
  public String raterId() {
    return config.raterId();
  }

  /**
   * Scores every pair with the ensemble, in one batch per model, as a group of two (A = image 0),
   * so that each image's utility is kept.
   */
  public List<GroupScore> score(List<Ensemble.PairInput> pairs) {
    return ensemble.scoreGroups(
        pairs.stream()
            .map(p -> new Ensemble.GroupInput(p.prompt(), List.of(p.a(), p.b())))
            .toList());
  }

  /** The label of one scored pair (seeded by its id, so re-labelling gives the same answer). */
  public Judgement label(String pairId, PairScore score) {
    return labeller.label(pairId, score);
  }

  /** Whether a label carries gradient (A or B). */
  public static boolean decisive(PreferenceLabel label) {
    return label == PreferenceLabel.A || label == PreferenceLabel.B;
  }

  /** "name×weight/scale" of each member, for reports. */
  public String describe() {
    return config.models().stream()
            .map(m -> m.name() + "(w " + m.weight() + ", scale " + m.scale() + ")")
            .toList()
        + ", T = "
        + config.temperature()
        + ", tie margin "
        + config.tieMargin()
        + ", "
        + LABELS;
  }

  @Override
  public void close() {
    ensemble.close();
  }
}
