package prefloop.evaluation.ablation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What decides libtorch's CPU kernels, and so the low bits of every training run: the CPU model,
 * the vector instruction sets it offers (AVX2, AVX-512, AMX), the oneDNN cap {@code
 * ONEDNN_MAX_CPU_ISA}, and the intra-op threads. The same seeds train another model when one of
 * these changes (docs/RESULTS.md measured it between two machine types).
 */
public final class MachineDescription {
  private static final List<String> ISA_FLAGS =
      List.of("avx2", "avx512f", "avx512_bf16", "amx_tile");

  private MachineDescription() {}

  /**
   * This machine, e.g. {@code "Intel(R) Xeon(R) Processor; avx2 avx512f; oneDNN ISA AVX; intra-op
   * threads 1"}.
   */
  public static String current() {
    String cpuinfo = read(Path.of("/proc/cpuinfo"));
    return describe(
        cpuinfo,
        Optional.ofNullable(System.getenv("ONEDNN_MAX_CPU_ISA")),
        System.getProperty("ai.djl.pytorch.num_threads", "default"));
  }

  /** The description of a machine whose {@code /proc/cpuinfo} is {@code cpuinfo}. */
  static String describe(String cpuinfo, Optional<String> onednnIsa, String threads) {
    String model = field(cpuinfo, "model name").orElse("unknown CPU");
    List<String> flags = Arrays.asList(field(cpuinfo, "flags").orElse("").split("\\s+"));
    List<String> isa = new ArrayList<>();
    for (String flag : ISA_FLAGS) {
      if (flags.contains(flag)) {
        isa.add(flag);
      }
    }
    return String.format(
        "%s; %s; oneDNN ISA %s; intra-op threads %s",
        model, isa.isEmpty() ? "no AVX2" : String.join(" ", isa), onednnIsa.orElse("all"), threads);
  }

  private static Optional<String> field(String cpuinfo, String name) {
    for (String line : cpuinfo.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
        return Optional.of(line.substring(colon + 1).trim());
      }
    }
    return Optional.empty();
  }

  private static String read(Path file) {
    try {
      return Files.isReadable(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      // Not fatal: the key then says "unknown CPU", and only a machine that says the same matches.
      return "";
    }
  }
}
