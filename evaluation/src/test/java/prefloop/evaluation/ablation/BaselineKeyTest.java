package prefloop.evaluation.ablation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineKeyTest {
  static final BaselineKey KEY =
      new BaselineKey(
          "ONLINE",
          400,
          100000,
          100,
          8,
          "TrainerConfig[β=1000]",
          "SamplerSettings[steps=10]",
          42L,
          "ab12",
          "48 prompts × 4 seeds",
          "Xeon; avx2 avx512f; oneDNN ISA AVX; intra-op threads 1");

  @Test
  void aKeyWrittenByOneRunReadsBackEqual(@TempDir Path run) throws Exception {
    KEY.write(run);

    assertThat(BaselineKey.read(run)).isEqualTo(KEY);
  }

  @Test
  void differencesNameEveryComponentThatDiffersWithBothValues() {
    BaselineKey other =
        KEY.withSteps(200).withMachine("EPYC; avx2; oneDNN ISA AVX; intra-op threads 1");

    assertThat(KEY.differences(other))
        .containsExactly(
            "steps: 400 ≠ 200",
            "machine: Xeon; avx2 avx512f; oneDNN ISA AVX; intra-op threads 1"
                + " ≠ EPYC; avx2; oneDNN ISA AVX; intra-op threads 1");
    assertThat(KEY.differences(KEY)).isEmpty();
  }

  @Test
  void aDirectoryWithoutAKeyIsRefusedWithWhatToDo(@TempDir Path run) {
    assertThatThrownBy(() -> BaselineKey.read(run))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(BaselineKey.FILE)
        .hasMessageContaining("--only dpo");
  }
}
