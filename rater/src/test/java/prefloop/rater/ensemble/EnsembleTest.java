package prefloop.rater.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import prefloop.rater.model.RewardModel;
import prefloop.world.RgbImage;

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
    PairScore score = scoreOfAB(ensemble);
    assertThat(score.margin()).isCloseTo(0.0, within(1e-12));
    assertThat(score.perModel()).containsOnlyKeys("f", "g", "monitor");
    assertThat(score.perModel().get("g")).containsExactly(0.3, 0.5);
    assertThat(score.dominance()).isZero();
  }

  @Test
  void paretoDominanceNeedsNoWeightedModelAgainst() {
    // f prefers A; g is indifferent (dominated), then prefers B (mixed)
    assertThat(dominanceOfABWithG(0.5, 0.5)).isEqualTo(1);
    assertThat(dominanceOfABWithG(0.1, 0.5)).isZero();
  }

  private static PairScore scoreOfAB(Ensemble ensemble) {
    return ensemble.score(List.of(new Ensemble.PairInput("p", A, B))).get(0);
  }

  /** The dominance of A over B by f (0.9 against 0.4) and g ({@code gA} against {@code gB}). */
  private static int dominanceOfABWithG(double gA, double gB) {
    List<WeightedModel> equallyWeighted =
        List.of(
            new WeightedModel(fixed("f", 0.9, 0.4), 1, 1),
            new WeightedModel(fixed("g", gA, gB), 1, 1));
    return scoreOfAB(new Ensemble(equallyWeighted, 0.01)).dominance();
  }

  /** Scores each image by its red channel, times {@code factor}, counting calls and images. */
  private static final class Redness implements RewardModel {
    private final String name;
    private final double factor;
    int calls;
    int images;

    Redness(String name, double factor) {
      this.name = name;
      this.factor = factor;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public double[] score(List<String> prompts, List<RgbImage> batch) {
      calls++;
      images += batch.size();
      return batch.stream().mapToDouble(i -> factor * i.data()[0]).toArray();
    }
  }

  private static RgbImage red(float value) {
    return RgbImage.filled(4, 4, new float[] {value, 0, 0});
  }

  @Test
  void aGroupIsJudgedByItsBestAgainstItsWorstImageScoredInOneBatch() {
    // u_i = 1·(r_i)/0.5 + 0·monitor: best r = 0.9 (index 1), worst r = 0.1 (index 3)
    Redness fidelity = new Redness("fidelity", 1);
    Redness monitor = new Redness("monitor", -1);
    Ensemble ensemble =
        new Ensemble(
            List.of(new WeightedModel(fidelity, 1, 0.5), new WeightedModel(monitor, 0, 1)), 0.01);
    List<RgbImage> group = List.of(red(0.5f), red(0.9f), red(0.3f), red(0.1f));

    List<GroupScore> scores =
        ensemble.scoreGroups(
            List.of(
                new Ensemble.GroupInput("p", group),
                new Ensemble.GroupInput("q", List.of(red(0.2f), red(0.8f)))));

    GroupScore four = scores.get(0);
    assertThat(fidelity.calls).isEqualTo(1);
    assertThat(fidelity.images).isEqualTo(6);
    assertThat(four.a()).isEqualTo(1);
    assertThat(four.b()).isEqualTo(3);
    assertThat(four.utility()[2]).isCloseTo(0.6, within(1e-6));
    assertThat(four.pair().margin()).isCloseTo((0.9 - 0.1) / 0.5, within(1e-6));
    assertThat(four.pair().perModel().get("fidelity")[0]).isCloseTo(0.9, within(1e-6));
    assertThat(four.pair().perModel().get("monitor")[1]).isCloseTo(-0.1, within(1e-6));
    assertThat(four.pair().dominance()).isEqualTo(1);
    // A pair keeps its order even when B is better.
    GroupScore pair = scores.get(1);
    assertThat(pair.a()).isZero();
    assertThat(pair.b()).isEqualTo(1);
    assertThat(pair.pair().margin()).isCloseTo((0.2 - 0.8) / 0.5, within(1e-6));
  }

  @Test
  void aGroupOfSixCarriesItsNestedInnerPairsBestFirst() {
    Redness fidelity = new Redness("fidelity", 1);
    Ensemble ensemble = new Ensemble(List.of(new WeightedModel(fidelity, 1, 1)), 0.01);
    // ranks by redness: 4 (0.95), 1 (0.9), 0 (0.5), 2 (0.3), 5 (0.2), 3 (0.1)
    List<RgbImage> group =
        List.of(red(0.5f), red(0.9f), red(0.3f), red(0.1f), red(0.95f), red(0.2f));

    GroupScore six = ensemble.scoreGroups(List.of(new Ensemble.GroupInput("p", group))).get(0);

    assertThat(six.a()).isEqualTo(4);
    assertThat(six.b()).isEqualTo(3);
    assertThat(six.inner()).hasSize(2);
    assertThat(six.inner().get(0).a()).isEqualTo(1);
    assertThat(six.inner().get(0).b()).isEqualTo(5);
    assertThat(six.inner().get(0).pair().margin()).isCloseTo(0.9 - 0.2, within(1e-6));
    assertThat(six.inner().get(1).a()).isZero();
    assertThat(six.inner().get(1).b()).isEqualTo(2);
    // a pair, or a group of three, has no inner pair
    assertThat(
            ensemble
                .scoreGroups(
                    List.of(new Ensemble.GroupInput("q", List.of(red(0.2f), red(0.8f), red(0.5f)))))
                .get(0)
                .inner())
        .isEmpty();
  }

  @Test
  void needsAWeightedMember() {
    assertThatThrownBy(() -> new Ensemble(List.of(new WeightedModel(fixed("m", 0, 0), 0, 1)), 0))
        .hasMessageContaining("weight > 0");
  }
}
