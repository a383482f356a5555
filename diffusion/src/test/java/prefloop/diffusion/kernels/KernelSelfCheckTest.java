package prefloop.diffusion.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelSelfCheckTest {

  @Test
  void theBuildsCapIsExactOnThisMachine() {
    KernelCheckReport report = KernelSelfCheck.run();

    assertThat(report.failures()).isEmpty();
    assertThat(report.exact()).isTrue();
    assertThat(report.checks()).isEqualTo(8 * 5 + 3 * 3);
    assertThat(report.summary()).contains("exact (49 checks)");
  }

  @Test
  void aGradientFourTimesTooSmallOrNaNDisagreesWithFiniteDifferences() {
    // the AMD EPYC's AVX2 backward: -4.50e-4 where central differences gave -1.806e-3
    assertThat(KernelSelfCheck.agrees(-4.50e-4, -1.806e-3)).isFalse();
    assertThat(KernelSelfCheck.agrees(Double.NaN, -1.806e-3)).isFalse();
    assertThat(KernelSelfCheck.agrees(-1.807e-3, -1.806e-3)).isTrue();
    assertThat(KernelSelfCheck.agrees(3e-7, 0)).isTrue();
  }

  @Test
  void theLargestEntriesAreCheckedAndNaNComesFirst() {
    float[] gradient = {0.1f, -3f, Float.NaN, 2f, 0f};

    assertThat(KernelSelfCheck.largest(gradient, 3)).containsExactly(2, 1, 3);
  }

  @Test
  void aFailedReportSaysWhatFailed() {
    KernelCheckReport report =
        new KernelCheckReport("AVX2", 49, List.of("d loss / d 03in_weight[0]: autograd -4.5e-4"));

    assertThat(report.exact()).isFalse();
    assertThat(report.summary())
        .isEqualTo(
            "oneDNN AVX2: NOT exact, 1 of 49 checks failed; first: d loss / d 03in_weight[0]:"
                + " autograd -4.5e-4");
  }
}
