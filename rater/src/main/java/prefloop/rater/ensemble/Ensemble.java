package prefloop.rater.ensemble;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import prefloop.rater.model.RewardModel;
import prefloop.world.RgbImage;

/**
 * Scores pairs, and groups of K &gt; 2 images reduced to their best and worst image, with several
 * reward models. Normalisation is a fixed per-model scale (not running statistics), so a pair's
 * margin never depends on what was rated before it and redelivered pairs get the same label:
 *
 * <pre>  d_m = (s_m(A) − s_m(B)) / scale_m,    Δ = Σ_m w_m d_m</pre>
 *
 * An image's utility is {@code u = Σ_m w_m s_m / scale_m}, so Δ = u(A) − u(B); a group of K &gt; 2
 * becomes the pair A = argmax u, B = argmin u ({@link BestWorst}).
 *
 * <p>Pareto dominance of A ({@link ParetoDominance}): every weighted model has d_m ≥ −ε and at
 * least one d_m > ε, where ε is the tie margin. Thread-safe when its models are.
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

  /** A group to score: a prompt and its K ≥ 2 images (a pair when K = 2). */
  public record GroupInput(String prompt, List<RgbImage> images) {
    public GroupInput {
      images = List.copyOf(images);
      if (images.size() < 2) {
        throw new IllegalArgumentException("a group needs at least 2 images, got " + images.size());
      }
    }
  }

  /** Scores pairs in one batch per model (2 images per pair); A and B as given. */
  public List<PairScore> score(List<PairInput> pairs) {
    List<GroupInput> groups =
        pairs.stream().map(p -> new GroupInput(p.prompt(), List.of(p.a(), p.b()))).toList();
    return scoreGroups(groups).stream().map(GroupScore::pair).toList();
  }

  /**
   * Scores groups in one batch per model (all images of all groups) and reduces each to the pair it
   * is judged by: a pair as given, a group of K &gt; 2 to its best and worst image by utility.
   */
  public List<GroupScore> scoreGroups(List<GroupInput> groups) {
    List<String> prompts = new ArrayList<>();
    List<RgbImage> images = new ArrayList<>();
    for (GroupInput group : groups) {
      for (RgbImage image : group.images()) {
        prompts.add(group.prompt());
        images.add(image);
      }
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
      for (int i = 0; i < scores.length; i++) {
        if (!Double.isFinite(scores[i])) {
          throw new IllegalStateException(
              "model "
                  + member.model().name()
                  + " gave a non-finite score ("
                  + scores[i]
                  + ") to an image of prompt '"
                  + prompts.get(i)
                  + "'");
        }
      }
      byModel.add(scores);
    }
    List<GroupScore> result = new ArrayList<>(groups.size());
    int from = 0;
    for (GroupInput group : groups) {
      result.add(judge(byModel, from, group.images().size()));
      from += group.images().size();
    }
    return result;
  }

  /** The group of {@code k} images starting at flat index {@code from}. */
  private GroupScore judge(List<double[]> byModel, int from, int k) {
    double[] utility = new double[k];
    for (int m = 0; m < members.size(); m++) {
      WeightedModel member = members.get(m);
      for (int i = 0; i < k; i++) {
        utility[i] += member.weight() * byModel.get(m)[from + i] / member.scale();
      }
    }
    int a = 0;
    int b = 1;
    if (k > 2) {
      BestWorst chosen = BestWorst.of(utility);
      a = chosen.best();
      b = chosen.worst();
    }
    return new GroupScore(
        a, b, utility, combine(byModel, from + a, from + b), inner(byModel, from, utility, a, b));
  }

  /**
   * The nested pairs inside best–worst: the images other than a and b ranked by utility (ties by
   * position), then the i-th best against the i-th worst.
   */
  private List<GroupScore.RankedPair> inner(
      List<double[]> byModel, int from, double[] utility, int a, int b) {
    List<Integer> rest = new ArrayList<>();
    for (int i = 0; i < utility.length; i++) {
      if (i != a && i != b) {
        rest.add(i);
      }
    }
    rest.sort((x, y) -> utility[y] != utility[x] ? Double.compare(utility[y], utility[x]) : x - y);
    List<GroupScore.RankedPair> pairs = new ArrayList<>();
    for (int i = 0; i < rest.size() / 2; i++) {
      int better = rest.get(i);
      int worse = rest.get(rest.size() - 1 - i);
      pairs.add(
          new GroupScore.RankedPair(better, worse, combine(byModel, from + better, from + worse)));
    }
    return pairs;
  }

  /** The pair of flat indices {@code ia} (A) and {@code ib} (B) from each model's scores. */
  private PairScore combine(List<double[]> byModel, int ia, int ib) {
    Map<String, double[]> perModel = new LinkedHashMap<>();
    double margin = 0;
    double[] weighted = new double[members.size()];
    int count = 0;
    for (int m = 0; m < members.size(); m++) {
      WeightedModel member = members.get(m);
      double a = byModel.get(m)[ia];
      double b = byModel.get(m)[ib];
      perModel.put(member.model().name(), new double[] {a, b});
      if (member.weight() == 0) {
        continue;
      }
      double d = (a - b) / member.scale();
      margin += member.weight() * d;
      weighted[count++] = d;
    }
    int dominance = ParetoDominance.of(Arrays.copyOf(weighted, count), tieMargin);
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
