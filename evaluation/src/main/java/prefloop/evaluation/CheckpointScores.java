package prefloop.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of an evaluation: a checkpoint's figures on the fixed prompts × seeds.
 *
 * @param name the checkpoint's name
 * @param source where it came from
 * @param meanScores per reward model, the mean score over the evaluation images
 * @param winRates per baseline name, per reward model, the win rate against that baseline under the
 *     same seeds (ties ½)
 * @param diversity per-prompt mean pairwise distance of fidelity features (NaN with one seed)
 * @param pixelDiversity the same on raw pixels (flattened CHW in [0, 1])
 * @param frechet Fréchet distance d² between fidelity features of these images and of clean renders
 *     of the same prompts and seeds
 */
public record CheckpointScores(
    String name,
    String source,
    Map<String, Double> meanScores,
    Map<String, Map<String, WinRate>> winRates,
    double diversity,
    double pixelDiversity,
    double frechet) {

  public CheckpointScores {
    // insertion order is the table's column order, so keep it (Map.copyOf would not)
    meanScores = Collections.unmodifiableMap(new LinkedHashMap<>(meanScores));
    winRates = Collections.unmodifiableMap(new LinkedHashMap<>(winRates));
  }

  /** The win rate against {@code baseline} averaged over {@code models} (the paper's "average"). */
  public double meanWinRate(String baseline, Iterable<String> models) {
    Map<String, WinRate> rates = winRates.get(baseline);
    if (rates == null) {
      throw new IllegalArgumentException(
          "no win rates of "
              + name
              + " against '"
              + baseline
              + "'; baselines: "
              + winRates.keySet());
    }
    double sum = 0;
    int n = 0;
    for (String model : models) {
      sum += rates.get(model).rate();
      n++;
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}
