package prefloop.rater.ensemble;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import prefloop.schemas.avro.PreferenceLabel;

/**
 * Simulated rater: Bradley–Terry labels over the ensemble margin Δ with temperature T,
 *
 * <pre>
 *   p = P(A ≻ B) = σ(Δ / T) = 1 / (1 + exp(−Δ / T))
 *   label = TIE             if |Δ| &lt; tie margin
 *         = A with prob. p, B otherwise (u ~ U[0,1) from a seeded RNG: A iff u &lt; p)
 *   confidence = max(p, 1 − p)
 * </pre>
 *
 * In {@link EnsembleMode#PARETO} mode the label is the dominance (A, B, or TIE when neither
 * dominates) with p = 1, 0 or ½. The RNG of a pair is seeded from (seed, pair id), so a redelivered
 * pair gets the same label (idempotent by pair id).
 */
public final class BradleyTerryLabeller {
  private final double temperature;
  private final double tieMargin;
  private final EnsembleMode mode;
  private final long seed;

  /**
   * @param temperature T in (0, 1e6]
   * @param tieMargin ties below this |Δ|, ≥ 0
   * @param mode weighted sum (sampled) or Pareto (deterministic)
   * @param seed root seed of the label RNG
   */
  public BradleyTerryLabeller(double temperature, double tieMargin, EnsembleMode mode, long seed) {
    if (!(temperature > 0 && temperature <= 1e6)) {
      throw new IllegalArgumentException("temperature must be in (0, 1e6], was " + temperature);
    }
    if (!(tieMargin >= 0)) {
      throw new IllegalArgumentException("tie margin must be ≥ 0, was " + tieMargin);
    }
    this.temperature = temperature;
    this.tieMargin = tieMargin;
    this.mode = mode;
    this.seed = seed;
  }

  /** P(A ≻ B) = σ(Δ / T). */
  public double probabilityA(double margin) {
    return 1 / (1 + Math.exp(-margin / temperature));
  }

  /** The label of a pair scored by the ensemble, with the pair's own RNG. */
  public Judgement label(String pairId, PairScore score) {
    if (mode == EnsembleMode.PARETO) {
      return byDominance(score.dominance());
    }
    return label(score.margin(), uniformFor(pairId));
  }

  /** The Pareto rule's label of a {@link ParetoDominance}: A or B with p = 1 or 0, else a tie. */
  public static Judgement byDominance(int dominance) {
    return switch (dominance) {
      case 1 -> new Judgement(PreferenceLabel.A, 1, 1);
      case -1 -> new Judgement(PreferenceLabel.B, 0, 1);
      default -> new Judgement(PreferenceLabel.TIE, 0.5, 0.5);
    };
  }

  /** The weighted-sum rule for margin Δ and a uniform draw u in [0, 1). */
  public Judgement label(double margin, double u) {
    double p = probabilityA(margin);
    double confidence = Math.max(p, 1 - p);
    if (Math.abs(margin) < tieMargin) {
      return new Judgement(PreferenceLabel.TIE, p, confidence);
    }
    return new Judgement(u < p ? PreferenceLabel.A : PreferenceLabel.B, p, confidence);
  }

  /** The deterministic (most likely) label: sign of Δ, or TIE inside the margin. */
  public PreferenceLabel mostLikely(double margin) {
    if (Math.abs(margin) < tieMargin) {
      return PreferenceLabel.TIE;
    }
    return margin > 0 ? PreferenceLabel.A : PreferenceLabel.B;
  }

  private double uniformFor(String pairId) {
    long h = seed;
    for (byte b : pairId.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ b) * 0x100000001B3L;
    }
    return new SplittableRandom(h).nextDouble();
  }
}
