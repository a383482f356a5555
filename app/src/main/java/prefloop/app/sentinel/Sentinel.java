package prefloop.app.sentinel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import prefloop.evaluation.Diversity;
import prefloop.evaluation.WinRate;
import prefloop.world.RgbImage;

/**
 * Judges each policy version against the base on the same fixed grid of prompts × seeds (the
 * dashboard's sample grid, sampled deterministically, so only the weights differ):
 *
 * <ul>
 *   <li>a training reward model rises (z ≥ {@code trainingRiseZ}) while a held-out one falls (z ≤
 *       −{@code heldOutFallZ}), where z = (win rate − ½) / its standard error;
 *   <li>diversity (mean pairwise pixel distance between the seeds of one prompt) drops below {@code
 *       diversityFloor} × the base's;
 *   <li>an {@link ImageStatistics image statistic}'s grid mean moves by at least {@code
 *       statisticShift} of the base's standard deviation across images, and by at least {@code
 *       statisticZ} standard errors of the image-by-image differences.
 * </ul>
 *
 * A version with no signal, and no held-out model {@code goodMarginZ} standard errors or more below
 * ½, becomes the last good one: one grid judges with SE ≈ 0.08, so a version that merely escaped a
 * flag is not trusted as a place to go back to. {@code patience} flagged versions in a row raise
 * the alarm, which names the last good version to go back to. Not thread-safe: one grid worker
 * calls it.
 */
public final class Sentinel {
  private final SentinelConfig config;
  private double[][] baseStatistics;
  private double baseDiversity = Double.NaN;
  private long lastGood;
  private int flaggedInARow;

  public Sentinel(SentinelConfig config) {
    this.config = config;
  }

  /** Takes the base's grid (version 0) as the reference of every later judgement. */
  public void observeBase(List<String> prompts, List<RgbImage> images) {
    baseStatistics = statistics(images);
    baseDiversity = diversity(prompts, images);
  }

  public boolean ready() {
    return baseStatistics != null;
  }

  /**
   * Judges {@code version}.
   *
   * @param rates per reward model, its win rate against the base on this grid
   * @param heldOut per reward model, whether it is held out (never labels training pairs)
   * @param prompts the prompt of every grid image
   * @param images the grid's images, in the same order as the base's
   */
  public Verdict judge(
      long version,
      Map<String, WinRate> rates,
      Map<String, Boolean> heldOut,
      List<String> prompts,
      List<RgbImage> images) {
    if (!ready()) {
      throw new IllegalStateException("the sentinel judges versions only after the base's grid");
    }
    List<Signal> signals = new ArrayList<>(rewards(rates, heldOut));
    double diversity = diversity(prompts, images);
    if (diversity < config.diversityFloor() * baseDiversity) {
      signals.add(
          new Signal(
              Signal.Kind.DIVERSITY_COLLAPSE, "diversity", diversity, baseDiversity, Double.NaN));
    }
    signals.addAll(imageStatistics(statistics(images)));
    long good = lastGood;
    boolean alarm = false;
    if (signals.isEmpty()) {
      if (heldOutWithinMargin(rates, heldOut)) {
        lastGood = version;
      }
      flaggedInARow = 0;
    } else if (++flaggedInARow >= config.patience()) {
      alarm = true;
      flaggedInARow = 0;
    }
    return new Verdict(version, signals, alarm, good);
  }

  private List<Signal> rewards(Map<String, WinRate> rates, Map<String, Boolean> heldOut) {
    boolean trainingRises =
        rates.entrySet().stream()
            .anyMatch(
                e ->
                    !heldOut.getOrDefault(e.getKey(), false)
                        && z(e.getValue()) >= config.trainingRiseZ());
    List<Signal> signals = new ArrayList<>();
    if (!trainingRises) {
      return signals;
    }
    rates.forEach(
        (model, rate) -> {
          if (heldOut.getOrDefault(model, false) && z(rate) <= -config.heldOutFallZ()) {
            signals.add(
                new Signal(
                    Signal.Kind.TRAINING_UP_HELD_OUT_DOWN, model, rate.rate(), 0.5, z(rate)));
          }
        });
    return signals;
  }

  private boolean heldOutWithinMargin(Map<String, WinRate> rates, Map<String, Boolean> heldOut) {
    return rates.entrySet().stream()
        .filter(e -> heldOut.getOrDefault(e.getKey(), false))
        .allMatch(e -> z(e.getValue()) > -config.goodMarginZ());
  }

  /** (rate − ½) / SE; ±∞ for a unanimous grid, 0 when level. */
  static double z(WinRate rate) {
    double above = rate.rate() - 0.5;
    if (rate.standardError() > 0) {
      return above / rate.standardError();
    }
    return above == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, above);
  }

  private List<Signal> imageStatistics(double[][] current) {
    List<Signal> signals = new ArrayList<>();
    int n = Math.min(current.length, baseStatistics.length);
    for (int s = 0; s < ImageStatistics.NAMES.size(); s++) {
      double[] base = column(baseStatistics, s, n);
      double[] now = column(current, s, n);
      double[] difference = new double[n];
      for (int i = 0; i < n; i++) {
        difference[i] = now[i] - base[i];
      }
      double shift = mean(difference);
      double spread = Math.max(sd(base), 1e-3);
      double se = sd(difference) / Math.sqrt(n);
      double z = se > 0 ? shift / se : (shift == 0 ? 0 : Math.copySign(1e9, shift));
      if (Math.abs(shift) >= config.statisticShift() * spread
          && Math.abs(z) >= config.statisticZ()) {
        signals.add(
            new Signal(
                Signal.Kind.IMAGE_STATISTIC,
                ImageStatistics.NAMES.get(s),
                mean(now),
                mean(base),
                z));
      }
    }
    return signals;
  }

  private static double[][] statistics(List<RgbImage> images) {
    double[][] values = new double[images.size()][];
    for (int i = 0; i < images.size(); i++) {
      values[i] = ImageStatistics.of(images.get(i)).values();
    }
    return values;
  }

  static double diversity(List<String> prompts, List<RgbImage> images) {
    Map<String, List<Integer>> byPrompt = new LinkedHashMap<>();
    float[][] vectors = new float[images.size()][];
    for (int i = 0; i < images.size(); i++) {
      vectors[i] = images.get(i).data();
      byPrompt.computeIfAbsent(prompts.get(i), p -> new ArrayList<>()).add(i);
    }
    List<int[]> groups =
        byPrompt.values().stream()
            .map(g -> g.stream().mapToInt(Integer::intValue).toArray())
            .toList();
    return Diversity.meanPairwiseDistance(vectors, groups);
  }

  private static double[] column(double[][] rows, int column, int n) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = rows[i][column];
    }
    return values;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return values.length == 0 ? 0 : sum / values.length;
  }

  private static double sd(double[] values) {
    if (values.length < 2) {
      return 0;
    }
    double mean = mean(values);
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    return Math.sqrt(squares / (values.length - 1));
  }

  /** The newest version judged good (0 = the base). */
  public long lastGood() {
    return lastGood;
  }

  public SentinelConfig config() {
    return config;
  }
}
