package prefloop.rater.ensemble;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import prefloop.diffusion.world.RgbImage;
import prefloop.rater.model.RewardModel;

/**
 * Scores pairs with several reward models. Normalisation is a fixed per-model scale (not running
 * statistics), so a pair's margin never depends on what was rated before it and redelivered pairs
 * get the same label:
 *
 * <pre>  d_m = (s_m(A) − s_m(B)) / scale_m,    Δ = Σ_m w_m d_m</pre>
 *
 * Pareto dominance of A: every weighted model has d_m ≥ −ε and at least one d_m > ε, where ε is the
 * tie margin. Thread-safe when its models are.
 */
public final class Ensemble implements AutoCloseable {
  private final List<WeightedModel> members;
  private final double tieMargin;

  public Ensemble(List<WeightedModel> members, double tieMargin) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("an ensemble needs at least one reward model");
    }
    if (members.stream().noneMatch(m -> m.weight() > 0)) {
      throw new IllegalArgumentException("at least one ensemble member needs a weight > 0");
    }
    if (!(tieMargin >= 0)) {
      throw new IllegalArgumentException("tie margin must be ≥ 0, was " + tieMargin);
    }
    this.members = List.copyOf(members);
    this.tieMargin = tieMargin;
  }

  public List<WeightedModel> members() {
    return members;
  }

  /** One pair to score: a prompt and its two images. */
  public record PairInput(String prompt, RgbImage a, RgbImage b) {}

  /** Scores pairs in one batch per model (2 images per pair). */
  public List<PairScore> score(List<PairInput> pairs) {
    List<String> prompts = new ArrayList<>(2 * pairs.size());
    List<RgbImage> images = new ArrayList<>(2 * pairs.size());
    for (PairInput pair : pairs) {
      prompts.add(pair.prompt());
      images.add(pair.a());
      prompts.add(pair.prompt());
      images.add(pair.b());
    }
    List<double[]> byModel = new ArrayList<>(members.size());
    for (WeightedModel member : members) {
      double[] scores = member.model().score(prompts, images);
      if (scores.length != images.size()) {
        throw new IllegalStateException(
            "model "
                + member.model().name()
                + " returned "
                + scores.length
                + " scores for "
                + images.size()
                + " images");
      }
      byModel.add(scores);
    }
    List<PairScore> result = new ArrayList<>(pairs.size());
    for (int i = 0; i < pairs.size(); i++) {
      result.add(combine(byModel, i));
    }
    return result;
  }

  /** Combines the pair at {@code i} from each model's flat score array (A at 2i, B at 2i+1). */
  private PairScore combine(List<double[]> byModel, int i) {
    Map<String, double[]> perModel = new LinkedHashMap<>();
    double margin = 0;
    boolean aNeverWorse = true;
    boolean bNeverWorse = true;
    boolean aSomewhereBetter = false;
    boolean bSomewhereBetter = false;
    for (int m = 0; m < members.size(); m++) {
      WeightedModel member = members.get(m);
      double a = byModel.get(m)[2 * i];
      double b = byModel.get(m)[2 * i + 1];
      if (!Double.isFinite(a) || !Double.isFinite(b)) {
        throw new IllegalStateException(
            "model " + member.model().name() + " gave a non-finite score (" + a + ", " + b + ")");
      }
      perModel.put(member.model().name(), new double[] {a, b});
      if (member.weight() == 0) {
        continue;
      }
      double d = (a - b) / member.scale();
      margin += member.weight() * d;
      aNeverWorse &= d >= -tieMargin;
      bNeverWorse &= d <= tieMargin;
      aSomewhereBetter |= d > tieMargin;
      bSomewhereBetter |= d < -tieMargin;
    }
    int dominance =
        aNeverWorse && aSomewhereBetter ? 1 : (bNeverWorse && bSomewhereBetter ? -1 : 0);
    return new PairScore(perModel, margin, dominance);
  }

  /** Names of the models, in order. */
  public List<String> names() {
    return members.stream().map(m -> m.model().name()).toList();
  }

  @Override
  public void close() {
    for (WeightedModel member : members) {
      member.model().close();
    }
  }

  /** Convenience for tests and the benchmark: a one-member list entry. */
  public static WeightedModel member(RewardModel model, double weight, double scale) {
    return new WeightedModel(model, weight, scale);
  }
}
