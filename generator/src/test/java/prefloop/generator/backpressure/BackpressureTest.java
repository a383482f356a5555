package prefloop.generator.backpressure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import prefloop.generator.BackpressureConfig;

class BackpressureTest {

  @Test
  void pausesWhileTheBacklogReachesTheBoundAndResumesWhenItDrains() {
    Backpressure bp = bounded(10, 0);

    bp.backlog(9);
    assertThat(bp.paused()).isFalse();
    bp.backlog(10);
    assertThat(bp.paused()).isTrue();
    assertThat(bp.state().reason()).contains("backlog 10 >= maxBacklog 10");
    bp.backlog(3);
    assertThat(bp.paused()).isFalse();
  }

  @Test
  void maxLagCountsPairsSinceTheLastBroadcastAndANewerBroadcastResumes() {
    Backpressure bp = bounded(0, 8);

    bp.published(4);
    bp.published(4);
    assertThat(bp.paused()).isTrue();
    bp.policyBroadcast(3);
    assertThat(bp.paused()).isFalse();
    bp.published(8);
    bp.policyBroadcast(3); // a replay of the same version does not reset the count
    assertThat(bp.paused()).isTrue();
    assertThat(bp.state().lastBroadcast()).isEqualTo(3);
  }

  @Test
  void zeroBoundsNeverPause() {
    Backpressure bp = bounded(0, 0);
    bp.backlog(1_000_000);
    bp.published(1_000_000);
    assertThat(bp.paused()).isFalse();
  }

  /** Backpressure with the default settings but these bounds (0: no bound). */
  private static Backpressure bounded(int maxBacklog, int maxLag) {
    return new Backpressure(
        BackpressureConfig.defaults().withMaxBacklog(maxBacklog).withMaxLag(maxLag));
  }
}
