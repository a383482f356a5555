package prefloop.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import prefloop.app.console.CpuAccount.Phase;

class CpuAccountTest {

  @Test
  void threadsAreBookedToThePhaseTheirServiceNamesThem() {
    assertThat(CpuAccount.phaseOf("generator-sampler")).isEqualTo(Phase.GENERATION);
    assertThat(CpuAccount.phaseOf("rater-scoring")).isEqualTo(Phase.RATING);
    assertThat(CpuAccount.phaseOf("prefloop-learner-learner-1")).isEqualTo(Phase.LEARNING);
    assertThat(CpuAccount.phaseOf("vert.x-worker-thread-3")).isEqualTo(Phase.EVALUATION);
    assertThat(CpuAccount.phaseOf("kafka-producer-network-thread")).isEqualTo(Phase.OTHER);
  }

  @Test
  void theReportDividesByTrainedPairsAndGivesTheGainPerThousandPairs() {
    Map<Phase, Double> seconds = new LinkedHashMap<>();
    seconds.put(Phase.GENERATION, 400.0);
    seconds.put(Phase.RATING, 20.0);
    seconds.put(Phase.LEARNING, 300.0);
    seconds.put(Phase.EVALUATION, 60.0);
    seconds.put(Phase.OTHER, 20.0);

    String report = CpuAccount.report(seconds, 1000, 800, 600, 0.2);

    assertThat(report)
        .contains("generation 400", "total 800 in 600 s")
        .contains("per trained pair: generation 0.50 rating 0.03 learning 0.38")
        .contains("1000 pairs generated, 800 trained, 1.67 pairs/s")
        .contains("win-rate gain per 1,000 generated pairs +0.200");
  }

  @Test
  void theLiveThreadsOfThisProcessAddUpToSomething() {
    assertThat(new CpuAccount().seconds().values().stream().mapToDouble(Double::doubleValue).sum())
        .isPositive();
  }
}
