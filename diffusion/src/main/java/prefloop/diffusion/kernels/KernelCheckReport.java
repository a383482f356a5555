package prefloop.diffusion.kernels;

import java.util.List;

/**
 * What {@link KernelSelfCheck} found under one oneDNN instruction-set cap.
 *
 * @param isa the cap the check ran under ({@code ONEDNN_MAX_CPU_ISA}, "ALL" when unset)
 * @param checks how many comparisons were made
 * @param failures one line per comparison that failed; empty when the kernels are exact
 */
public record KernelCheckReport(String isa, int checks, List<String> failures) {

  public KernelCheckReport {
    failures = List.copyOf(failures);
  }

  /** True when every forward repeated bit for bit and every gradient matched. */
  public boolean exact() {
    return failures.isEmpty();
  }

  /** One line for a console: the verdict and the first failure. */
  public String summary() {
    if (exact()) {
      return "oneDNN " + isa + ": exact (" + checks + " checks)";
    }
    return "oneDNN "
        + isa
        + ": NOT exact, "
        + failures.size()
        + " of "
        + checks
        + " checks failed; first: "
        + failures.get(0);
  }
}
