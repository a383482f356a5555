package prefloop.rater.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import prefloop.diffusion.world.RgbImage;
import prefloop.rater.model.RewardModel;

class EnsembleTest {
  private static final RgbImage A = RgbImage.filled(4, 4, new float[] {0.1f, 0, 0});
  private static final RgbImage B = RgbImage.filled(4, 4, new float[] {0.2f, 0, 0});

  /** Scores A and B with fixed numbers. */
  private static RewardModel fixed(String name, double a, double b) {
    return new RewardModel() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public double[] score(List<String> prompts, List<RgbImage> images) {
        return images.stream().mapToDouble(i -> i == A ? a : b).toArray();
      }
    };
  }

  @Test
  void marginIsTheWeightedSumOfScaledDifferences() {
    // Δ = 2·(0.9 − 0.4)/1 + 0.5·(0.3 − 0.5)/0.1 = 1.0 − 1.0 = 0; monitor (weight 0) ignored
    Ensemble ensemble =
        new Ensemble(
            List.of(
                new WeightedModel(fixed("f", 0.9, 0.4), 2, 1),
                new WeightedModel(fixed("g", 0.3, 0.5), 0.5, 0.1),
                new WeightedModel(fixed("monitor", 0, 100), 0, 1)),
            0.0);
    PairScore score = ensemble.score(List.of(new Ensemble.PairInput("p", A, B))).get(0);
    assertThat(score.margin()).isCloseTo(0.0, within(1e-12));
    assertThat(score.perModel()).containsOnlyKeys("f", "g", "monitor");
    assertThat(score.perModel().get("g")).containsExactly(0.3, 0.5);
    assertThat(score.dominance()).isZero();
  }

  @Test
  void paretoDominanceNeedsNoWeightedModelAgainst() {
    Ensemble dominated =
        new Ensemble(
            List.of(
                new WeightedModel(fixed("f", 0.9, 0.4), 1, 1),
                new WeightedModel(fixed("g", 0.5, 0.5), 1, 1)),
            0.01);
    assertThat(dominated.score(List.of(new Ensemble.PairInput("p", A, B))).get(0).dominance())
        .isEqualTo(1);
    Ensemble mixed =
        new Ensemble(
            List.of(
                new WeightedModel(fixed("f", 0.9, 0.4), 1, 1),
                new WeightedModel(fixed("g", 0.1, 0.5), 1, 1)),
            0.01);
    assertThat(mixed.score(List.of(new Ensemble.PairInput("p", A, B))).get(0).dominance()).isZero();
  }

  @Test
  void needsAWeightedMember() {
    assertThatThrownBy(() -> new Ensemble(List.of(new WeightedModel(fixed("m", 0, 0), 0, 1)), 0))
        .hasMessageContaining("weight > 0");
  }
}
