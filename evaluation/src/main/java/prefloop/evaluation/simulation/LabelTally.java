package prefloop.evaluation.simulation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Label diagnostics of {@link LoopSimulation}: of the decisive labels, how often each panel model
 * scores the winner higher (agreement), and how often the fidelity net's term decided the margin.
 */
final class LabelTally {
  private final Map<String, Double> agreements = new LinkedHashMap<>();
  private int decided;
  private int ties;
  private int fidelityDecided;

  void tie() {
    ties++;
  }

  void decided(Map<String, double[]> scores, int winner, int loser, boolean byFidelity) {
    decided++;
    fidelityDecided += byFidelity ? 1 : 0;
    scores.forEach(
        (model, values) ->
            agreements.merge(model, agreement(values[winner], values[loser]), Double::sum));
  }

  /** 1 when the winner scores higher, ½ on equal scores (the pixel rule's are discrete), else 0. */
  private static double agreement(double winner, double loser) {
    return winner > loser ? 1 : winner == loser ? 0.5 : 0;
  }

  /** "labels N (ties M), fidelity decides F, agree: model rate, ..." */
  String describe() {
    StringBuilder text =
        new StringBuilder(
            String.format(
                "labels %d (ties %d), fidelity decides %.2f, agree:",
                decided, ties, decided == 0 ? Double.NaN : (double) fidelityDecided / decided));
    agreements.forEach(
        (model, count) ->
            text.append(String.format(" %s %.2f", model, count / Math.max(1, decided))));
    return text.toString();
  }
}
