package prefloop.rater.ensemble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import prefloop.schemas.avro.PreferenceLabel;

class BradleyTerryLabellerTest {

  @Test
  void probabilityIsTheLogisticOfMarginOverTemperature() {
    BradleyTerryLabeller t1 = new BradleyTerryLabeller(1.0, 0.0, EnsembleMode.WEIGHTED_SUM, 1);
    BradleyTerryLabeller tHalf = new BradleyTerryLabeller(0.5, 0.0, EnsembleMode.WEIGHTED_SUM, 1);
    // σ(1) = 1/(1+e^-1) = 0.7310585786; σ(4) = 0.9820137900; σ(0) = 0.5
    assertThat(t1.probabilityA(1.0)).isCloseTo(0.7310585786, within(1e-9));
    assertThat(tHalf.probabilityA(2.0)).isCloseTo(0.9820137900, within(1e-9));
    assertThat(t1.probabilityA(0.0)).isEqualTo(0.5);
    assertThat(t1.probabilityA(-1.0)).isCloseTo(1 - 0.7310585786, within(1e-9));
  }

  @Test
  void drawBelowProbabilityIsA_confidenceIsTheLikelierSide() {
    BradleyTerryLabeller labeller =
        new BradleyTerryLabeller(1.0, 0.1, EnsembleMode.WEIGHTED_SUM, 1);
    Judgement a = labeller.label(1.0, 0.70);
    Judgement b = labeller.label(1.0, 0.75);
    assertThat(a.label()).isEqualTo(PreferenceLabel.A);
    assertThat(b.label()).isEqualTo(PreferenceLabel.B);
    assertThat(b.confidence()).isCloseTo(0.7310585786, within(1e-9));
    assertThat(labeller.label(-0.05, 0.0).label()).isEqualTo(PreferenceLabel.TIE);
  }

  @Test
  void labelFrequenciesMatchSigmoidOfMarginOverTemperature() {
    double temperature = 0.7;
    BradleyTerryLabeller labeller =
        new BradleyTerryLabeller(temperature, 0.0, EnsembleMode.WEIGHTED_SUM, 42);
    int draws = 20_000;
    for (double margin : new double[] {-1.5, -0.3, 0.2, 0.8, 2.0}) {
      int a = 0;
      for (int i = 0; i < draws; i++) {
        PairScore score = new PairScore(Map.of(), margin, 0);
        a += labeller.label("pair-" + margin + "-" + i, score).label() == PreferenceLabel.A ? 1 : 0;
      }
      double p = 1 / (1 + Math.exp(-margin / temperature));
      double fourSigma = 4 * Math.sqrt(p * (1 - p) / draws);
      assertThat(a / (double) draws).as("P(A) at Δ=%s", margin).isCloseTo(p, within(fourSigma));
    }
  }

  @Test
  void samePairIdGetsTheSameLabel_soRedeliveryIsIdempotent() {
    BradleyTerryLabeller labeller =
        new BradleyTerryLabeller(1.0, 0.0, EnsembleMode.WEIGHTED_SUM, 7);
    PairScore score = new PairScore(Map.of(), 0.1, 0);
    for (int i = 0; i < 50; i++) {
      assertThat(labeller.label("pair-" + i, score)).isEqualTo(labeller.label("pair-" + i, score));
    }
  }

  @Test
  void paretoLabelsFollowDominance() {
    BradleyTerryLabeller labeller = new BradleyTerryLabeller(1.0, 0.0, EnsembleMode.PARETO, 1);
    assertThat(labeller.label("p", new PairScore(Map.of(), 0.3, 1)).label())
        .isEqualTo(PreferenceLabel.A);
    assertThat(labeller.label("p", new PairScore(Map.of(), 0.3, -1)).label())
        .isEqualTo(PreferenceLabel.B);
    assertThat(labeller.label("p", new PairScore(Map.of(), 0.3, 0)).label())
        .isEqualTo(PreferenceLabel.TIE);
  }
}
