package prefloop.evaluation.ablation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MachineDescriptionTest {

  @Test
  void namesTheCpuItsVectorInstructionSetsTheOneDnnCapAndTheThreads() {
    String cpuinfo =
        "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) Processor\n"
            + "flags\t\t: fpu sse2 avx avx2 avx512f avx512bw amx_tile amx_int8\n\n"
            + "processor\t: 1\nmodel name\t: Intel(R) Xeon(R) Processor\n";

    String described = MachineDescription.describe(cpuinfo, Optional.of("AVX"), "1");

    assertThat(described)
        .isEqualTo(
            "Intel(R) Xeon(R) Processor; avx2 avx512f amx_tile; oneDNN ISA AVX; intra-op threads 1");
  }

  @Test
  void aFlagListedTwiceIsNotAnError() {
    String cpuinfo = "model name\t: EPYC\nflags\t\t: avx avx2 avx2 fma\n";

    assertThat(MachineDescription.describe(cpuinfo, Optional.of("AVX"), "1"))
        .isEqualTo("EPYC; avx2; oneDNN ISA AVX; intra-op threads 1");
  }

  @Test
  void aMachineWithoutCpuinfoIsAnUnknownCpu() {
    assertThat(MachineDescription.describe("", Optional.empty(), "default"))
        .isEqualTo("unknown CPU; no AVX2; oneDNN ISA all; intra-op threads default");
  }
}
