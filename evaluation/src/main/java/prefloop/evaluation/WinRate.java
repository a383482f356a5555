package prefloop.evaluation;

/**
 * The paper's headline metric: how often a candidate's image beats the baseline's image made from
 * the same prompt and the same seed, under one reward model.
 *
 * <pre>
 *   win_i = 1 if s_i(candidate) &gt; s_i(baseline) + ε
 *         = ½ if |s_i(candidate) − s_i(baseline)| ≤ ε      (a tie counts half)
 *         = 0 otherwise
 *   win rate = (1/n) Σ_i win_i,   standard error = √(Σ_i (win_i − rate)² / (n (n − 1)))
 * </pre>
 *
 * A candidate identical to the baseline therefore scores exactly ½. ε = 0 by default: only exactly
 * equal scores tie (as happens for identical images).
 *
 * @param rate the win rate in [0, 1]
 * @param standardError the standard error of the mean of the per-image outcomes (0 when n = 1)
 * @param wins strict wins
 * @param ties ties
 * @param losses strict losses
 */
public record WinRate(double rate, double standardError, int wins, int ties, int losses) {

  /** Win rate with exact ties only (ε = 0). */
  public static WinRate of(double[] candidate, double[] baseline) {
    return of(candidate, baseline, 0);
  }

  /**
   * Win rate of {@code candidate} over {@code baseline}, index i of both being the same (prompt,
   * seed).
   *
   * @param tolerance ε ≥ 0: score differences within it are ties
   */
  public static WinRate of(double[] candidate, double[] baseline, double tolerance) {
    if (candidate.length != baseline.length || candidate.length == 0) {
      throw new IllegalArgumentException(
          "win rate needs the same number (> 0) of scores from both sides (same prompts and"
              + " seeds); got "
              + candidate.length
              + " and "
              + baseline.length);
    }
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("win-rate tie tolerance must be >= 0, was " + tolerance);
    }
    int n = candidate.length;
    double[] outcome = new double[n];
    int wins = 0;
    int ties = 0;
    for (int i = 0; i < n; i++) {
      double d = candidate[i] - baseline[i];
      if (Double.isNaN(d)) {
        throw new IllegalArgumentException("score " + i + " is NaN; a reward model failed");
      }
      if (Math.abs(d) <= tolerance) {
        outcome[i] = 0.5;
        ties++;
      } else if (d > 0) {
        outcome[i] = 1;
        wins++;
      }
    }
    double rate = (wins + 0.5 * ties) / n;
    double squares = 0;
    for (double o : outcome) {
      squares += (o - rate) * (o - rate);
    }
    double se = n > 1 ? Math.sqrt(squares / ((double) n * (n - 1))) : 0;
    return new WinRate(rate, se, wins, ties, n - wins - ties);
  }

  /** Images compared. */
  public int count() {
    return wins + ties + losses;
  }
}
